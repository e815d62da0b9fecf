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
    /** The provider's brute-force guard started refusing (429) an address or key id for the rest of a window. */
    THROTTLED;

    /** Recorded by the provider whenever the request reached it, so the partner API records them only otherwise. */
    boolean recordedByProvider() {
        return this == CREATE || this == EDIT || this == REVOKE || this == ROTATE;
    }
}
