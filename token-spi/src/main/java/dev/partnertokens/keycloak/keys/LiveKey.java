package dev.partnertokens.keycloak.keys;

import dev.partnertokens.keycloak.domain.AllowedNetworks;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;

/**
 * What authenticating a key needs of its row, copied out of the persistence context so that it can be kept between
 * requests ({@link KeySnapshots}).
 *
 * @param scopes    space-separated, as stored
 * @param expiresAt epoch milliseconds, {@code null} for none
 * @param version   the row's {@code updatedAt}: every change of a key changes it (a rotation too)
 * @param oldSecretHash  the hash of the secret the last rotation replaced, {@code null} when none works
 * @param oldSecretUntil until when that secret works (epoch millis, exclusive), {@code null} when none works
 * @param allowedNetworks where the key may be used from (its IP allowlist), parsed once per snapshot
 */
public record LiveKey(String id, String clientUuid, String clientId, String partnerId, String scopes, String secretHash,
                      Long expiresAt, long version, String oldSecretHash, Long oldSecretUntil,
                      AllowedNetworks allowedNetworks) {

    static LiveKey of(PartnerKeyEntity row) {
        return new LiveKey(row.getId(), row.getClientUuid(), row.getClientId(), row.getPartnerId(), row.getScopes(),
                row.getSecretHash(), row.getExpiresAt(), row.getUpdatedAt(), row.getOldSecretHash(), row.getOldSecretUntil(),
                AllowedNetworks.fromStored(row.getAllowedNetworks()));
    }

    /** Whether a secret replaced by a rotation still works at {@code nowMillis}. */
    boolean hasOldSecretAt(long nowMillis) {
        return oldSecretHash != null && oldSecretUntil != null && nowMillis < oldSecretUntil;
    }

    @Override
    public String toString() {
        return "LiveKey[" + clientId + "]"; // never the hash
    }
}
