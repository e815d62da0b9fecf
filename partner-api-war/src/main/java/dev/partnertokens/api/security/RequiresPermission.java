package dev.partnertokens.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a partner-facing resource or method that needs a valid token whose {@code scope} holds this permission.
 * Without it the answer is 403 with {@code WWW-Authenticate: Bearer error="insufficient_scope"} (RFC 6750 §3.1).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresPermission {

    Permission value();
}
