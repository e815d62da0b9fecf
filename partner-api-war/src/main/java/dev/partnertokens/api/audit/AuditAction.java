package dev.partnertokens.api.audit;

/** The management actions the audit trail records. */
public enum AuditAction {
    LIST, VIEW, CREATE, EDIT, REVOKE
}
