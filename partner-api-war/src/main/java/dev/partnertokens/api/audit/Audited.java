package dev.partnertokens.api.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Marks a management resource method whose every call, allowed or refused, {@link AuditFilter} writes to the audit
 * trail. The key acted on is the {@code id} path parameter, or what the method names with {@link Key#set}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    AuditAction value();

    /** Lets a resource name the key it acted on when the path does not (a key it just created). */
    final class Key {

        static final String ATTRIBUTE = Audited.class.getName() + ".key";

        private Key() {
        }

        public static void set(HttpServletRequest request, String keyId) {
            request.setAttribute(ATTRIBUTE, keyId);
        }
    }
}
