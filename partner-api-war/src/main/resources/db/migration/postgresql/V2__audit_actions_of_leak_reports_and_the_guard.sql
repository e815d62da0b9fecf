-- Audit actions the provider added after V1: leak reports (LEAK_REPORTED, REPORTER_KEYS) and the brute-force guard
-- (THROTTLED). The partner API copies provider entries by action name, so the column must accept them.
ALTER TABLE partner_api_audit_entry DROP CONSTRAINT partner_api_audit_entry_action_check;
ALTER TABLE partner_api_audit_entry ADD CONSTRAINT partner_api_audit_entry_action_check
    CHECK (action IN ('LIST','VIEW','CREATE','EDIT','REVOKE','AUTH_FAILED','ROTATE','EXPIRING_SOON','CATALOGUE',
                      'LEAK_REPORTED','REPORTER_KEYS','THROTTLED'));
