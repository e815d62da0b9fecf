package dev.partnertokens.keycloak.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.partnertokens.keycloak.domain.AllowedNetworks;
import dev.partnertokens.keycloak.domain.KeyUse;
import dev.partnertokens.keycloak.domain.Permission;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;

/**
 * A partner key as the tokens API shows it.
 *
 * @param id           {@code Token:<uuid>}
 * @param clientSecret only in the answer to the request that created the key, {@code null} everywhere else
 * @param expiresAt    {@code null} when the key does not expire
 * @param createdBy    who created it: a user name (the acting user when the partner API made it) or {@code key:<clientId>}
 * @param rotatedAt    when its secret was last rotated, absent if never
 * @param oldSecretValidUntil until when the secret the last rotation replaced still works; absent when it no longer does
 * @param expiringSoon whether it expires within the realm's expiry notice period
 * @param lastUsedAt   when it was last used in any of the three ways, absent if never
 * @param lastUsedIp   the source address of that use
 * @param lastUsedUserAgent the {@code User-Agent} of that use, absent when it sent none
 * @param lastUsedVia  which way: {@code TOKEN_ENDPOINT}, {@code REFRESH_TOKEN_ENDPOINT} or {@code TOKENS_API}
 * @param useCount     how many times it was used (authenticated successfully)
 * @param allowedNetworks the networks it may be used from, canonical and sorted; empty: from anywhere
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenView(String id, String clientId, String clientSecret, String name, List<String> permissions,
                        List<String> scopes, String createdAt, String updatedAt, String expiresAt, String createdBy,
                        String rotatedAt, String oldSecretValidUntil, boolean expiringSoon, String lastUsedAt,
                        String lastUsedIp, String lastUsedUserAgent, String lastUsedVia, long useCount,
                        List<String> allowedNetworks) {

    static TokenView of(PartnerKeyEntity key, String secret, long expiringSoonUntil, KeyUse use) {
        Long oldUntil = PartnerKeys.oldSecretLiveUntil(key, System.currentTimeMillis());
        return new TokenView("Token:" + key.getId(), key.getClientId(), secret, key.getName(),
                PartnerKeys.permissionsOf(key).stream().map(Permission::name).toList(), PartnerKeys.apiScopesOf(key),
                instant(key.getCreatedAt()), instant(key.getUpdatedAt()),
                key.getExpiresAt() == null ? null : instant(key.getExpiresAt()), key.getCreatedBy(),
                key.getRotatedAt() == null ? null : instant(key.getRotatedAt()), oldUntil == null ? null : instant(oldUntil),
                key.getExpiresAt() != null && key.getExpiresAt() <= expiringSoonUntil,
                use == null ? null : instant(use.lastUsedAt()), use == null ? null : use.ip(), use == null ? null : use.userAgent(),
                use == null ? null : use.way().name(), use == null ? 0 : use.count(),
                AllowedNetworks.fromStored(key.getAllowedNetworks()).entries());
    }

    private static String instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
