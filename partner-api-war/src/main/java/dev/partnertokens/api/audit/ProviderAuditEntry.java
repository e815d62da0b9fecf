package dev.partnertokens.api.audit;

/**
 * One entry of the provider's audit feed, as it is on the wire (ADR 0007).
 *
 * @param at        ISO-8601 instant
 * @param partner   the partner's Organization alias, {@code null} when the partner is unknown
 * @param outcome   {@code SUCCESS}, {@code REFUSED} (4xx) or {@code FAILED} (5xx)
 * @param actorKind {@code PERSON}, {@code KEY}, {@code PLATFORM_ADMIN}, {@code ADMIN_CONSOLE} or {@code SYSTEM}
 * @param count     how many events the entry stands for (aggregated failed authentications), otherwise 1
 */
public record ProviderAuditEntry(Long seq, String id, String at, String partnerId, String partner, String action,
                                 String outcome, Integer status, String actorKind, String actor, String actorRole,
                                 String keyId, String keyClientId, String detail, String sourceIp, Integer count) {
}
