package dev.partnertokens.api.audit;

/**
 * An audit entry as {@code GET /api/v1/audit} shows it.
 *
 * @param username who acted ({@code preferred_username}); {@code null} when the caller could not be identified
 * @param partner  the partner (Organization alias) acted for; {@code null} likewise
 * @param keyId    the key acted on, {@code null} for a list or a refused create
 * @param status   the HTTP status the caller got
 */
public record AuditEntry(String id, String at, String username, String partner, String action, String keyId, String outcome,
                         int status, String clientIp, String requestId) {
}
