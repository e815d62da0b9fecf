package dev.partnertokens.api.audit;

/**
 * An audit entry as {@code GET /api/v1/audit} shows it: the partner API's own entries and the copies of the
 * provider's in one list.
 *
 * @param username    who acted: a person's {@code preferred_username}, a key's client id, an administrator's
 *                    username; {@code null} when the caller could not be identified
 * @param partner     the partner (Organization alias) acted for; {@code null} likewise
 * @param keyId       the key acted on, {@code null} for a list or a refused create
 * @param status      the HTTP status the caller got
 * @param requestId   the request's {@code X-Request-Id} for the partner API's entries; {@code keycloak:<seq>} for copies
 * @param actorKind   {@code PERSON}, {@code KEY}, {@code PLATFORM_ADMIN}, {@code ADMIN_CONSOLE}, {@code SYSTEM}, or
 *                    {@code null} when the caller could not be identified
 * @param actorRole   a person's dashboard role ({@code OWNER}, {@code ADMIN}, {@code DEVELOPER})
 * @param keyClientId the client id of the key acted on or acting, when the provider knows it
 * @param detail      what the provider said about the action (never a secret)
 * @param count       how many events the entry stands for: more than 1 only for aggregated failed authentications
 * @param source      {@code PARTNER_API} or {@code KEYCLOAK}
 */
public record AuditEntry(String id, String at, String username, String partner, String action, String keyId, String outcome,
                         int status, String clientIp, String requestId, String actorKind, String actorRole,
                         String keyClientId, String detail, int count, String source) {
}
