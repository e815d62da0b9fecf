package dev.partnertokens.api.audit;

/** How a management action ended: done, refused (401/403), or failed (any other error). */
public enum AuditOutcome {
    SUCCEEDED, DENIED, FAILED;

    static AuditOutcome ofStatus(int status) {
        if (status < 400) {
            return SUCCEEDED;
        }
        return status == 401 || status == 403 ? DENIED : FAILED;
    }
}
