-- Audit actions the provider added after V1: leak reports (LEAK_REPORTED, REPORTER_KEYS) and the brute-force guard
-- (THROTTLED). The partner API copies provider entries by action name, so the column must accept them.
ALTER TABLE partner_api_audit_entry ALTER COLUMN action SET DATA TYPE
    enum ('AUTH_FAILED','CATALOGUE','CREATE','EDIT','EXPIRING_SOON','LEAK_REPORTED','LIST','REPORTER_KEYS','REVOKE','ROTATE','THROTTLED','VIEW');
