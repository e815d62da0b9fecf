package dev.partnertokens.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a partner-facing resource or method that needs a valid token whose {@code scope} holds this API scope of the
 * realm's catalogue (such as {@code gateway}, {@code vault}, {@code fx}, {@code disputes}), next to any
 * {@link RequiresPermission}. Without it the answer is 403 with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="<scope>"} (RFC 6750 §3.1).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {

    /** The API scope's name, exactly as in the token's {@code scope}. */
    String value();
}
