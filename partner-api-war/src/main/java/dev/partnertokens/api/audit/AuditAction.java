package dev.partnertokens.api.audit;

/**
 * The actions the audit trail records: the dashboard's management actions, and (copied from the provider's audit
 * feed) the failed authentications of keys, which the provider aggregates.
 */
public enum AuditAction {
    LIST, VIEW, CREATE, EDIT, REVOKE, AUTH_FAILED;

    /** Recorded by the provider whenever the request reached it, so the partner API records them only otherwise. */
    boolean recordedByProvider() {
        return this == CREATE || this == EDIT || this == REVOKE;
    }
}
