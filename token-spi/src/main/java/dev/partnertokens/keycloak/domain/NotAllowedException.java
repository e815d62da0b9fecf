package dev.partnertokens.keycloak.domain;

/** The caller is known and may not do this (403): the message says why, in a sentence a person can act on. */
public final class NotAllowedException extends RuntimeException {

    public NotAllowedException(String message) {
        super(message, null, false, false);
    }
}
