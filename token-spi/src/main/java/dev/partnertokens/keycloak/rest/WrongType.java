package dev.partnertokens.keycloak.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a request body's member must be, said to a caller who sent something else ({@link JsonBodies} answers it as a
 * 400 for that member).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface WrongType {

    /** The answer when the member itself has the wrong type, e.g. {@code "name must be a string"}. */
    String value();

    /** The answer when an element of the member's array has the wrong type; by default {@link #value}. */
    String element() default "";
}
