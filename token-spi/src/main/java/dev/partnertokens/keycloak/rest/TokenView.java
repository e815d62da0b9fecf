package dev.partnertokens.keycloak.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenView(String id, String clientId, String clientSecret, String name, List<String> permissions,
                        String createdAt, String updatedAt, String expiresAt, String createdBy) {

    static TokenView of(PartnerKeyEntity key) {
        return of(key, null);
    }

    static TokenView of(PartnerKeyEntity key, String secret) {
        return new TokenView("Token:" + key.getId(), key.getClientId(), secret, key.getName(),
                PartnerKeys.permissionsOf(key).stream().map(Permission::name).toList(),
                instant(key.getCreatedAt()), instant(key.getUpdatedAt()),
                key.getExpiresAt() == null ? null : instant(key.getExpiresAt()), key.getCreatedBy());
    }

    private static String instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
