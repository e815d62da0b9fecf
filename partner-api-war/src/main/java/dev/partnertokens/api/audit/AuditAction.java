package dev.partnertokens.api.audit;

/**
 * The actions the audit trail records: the dashboard's management actions, and (copied from the provider's audit
 * feed) the failed authentications of keys, which the provider aggregates.
 */
public enum AuditAction {
    LIST, VIEW, CREATE, EDIT, REVOKE, AUTH_FAILED,
    /** A key's secret rotated, or a rotation's overlap ended. */
    ROTATE,
    /** A key entered its expiry notice period (recorded by the provider). */
    EXPIRING_SOON,
    /** A realm administrator changed the catalogue of API scopes (recorded by the provider, not per partner). */
    CATALOGUE,
    /** A secret scanner reported a key's secret found in public; the key was revoked (recorded by the provider). */
    LEAK_REPORTED,
    /** A realm administrator changed the keys leak reports are checked with (recorded by the provider, not per partner). */
    REPORTER_KEYS,
    /** The provider's brute-force guard started refusing (429) an address or key id for the rest of a window. */
    THROTTLED;

    /** Recorded by the provider whenever the request reached it, so the partner API records them only otherwise. */
    boolean recordedByProvider() {
        return this == CREATE || this == EDIT || this == REVOKE || this == ROTATE;
    }
}
