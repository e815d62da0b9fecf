package dev.partnertokens.api.feeds;

/**
 * A feed of the provider could not be read this time: Keycloak unreachable, a status other than 200, or an answer
 * that is not the feed's JSON. The message names what went wrong, never a token or a secret.
 */
public final class FeedUnavailableException extends Exception {

    public FeedUnavailableException(String message) {
        super(message, null, false, false);
    }
}
