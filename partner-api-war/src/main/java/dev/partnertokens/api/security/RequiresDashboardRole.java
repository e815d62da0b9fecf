package dev.partnertokens.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a dashboard resource or method that only people of a partner with one of these roles may call (a token of
 * the dashboard client, with an {@code organization} claim). Anyone else gets a 403 problem. Use together with
 * {@link TokenRequired}, which checks the token itself.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresDashboardRole {

    DashboardRole[] value();
}
