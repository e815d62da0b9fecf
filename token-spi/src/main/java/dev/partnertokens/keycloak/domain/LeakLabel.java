package dev.partnertokens.keycloak.domain;

/**
 * What the product tells a secret-scanning reporter about one reported string (GitHub's "feedback" labels): a real
 * secret of a key of the realm, revoked now or before, or anything else.
 */
public enum LeakLabel {
    TRUE_POSITIVE("true_positive"),
    FALSE_POSITIVE("false_positive");

    private final String wire;

    LeakLabel(String wire) {
        this.wire = wire;
    }

    /** {@code true_positive} or {@code false_positive}. */
    public String wire() {
        return wire;
    }
}
