package dev.partnertokens.api.audit;

/** How an action ended: done, refused (401/403), or failed (any other error). */
public enum AuditOutcome {
    SUCCEEDED, DENIED, FAILED;

    static AuditOutcome ofStatus(int status) {
        if (status < 400) {
            return SUCCEEDED;
        }
        return status == 401 || status == 403 ? DENIED : FAILED;
    }

    /** The provider's outcome ({@code SUCCESS}, {@code REFUSED}, {@code FAILED}) when its entry has no status. */
    static AuditOutcome ofProvider(String outcome) {
        if ("SUCCESS".equals(outcome)) {
            return SUCCEEDED;
        }
        return "REFUSED".equals(outcome) ? DENIED : FAILED;
    }
}
