package dev.partnertokens.keycloak.keys;

import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;

/**
 * What authenticating a key needs of its row, copied out of the persistence context so that it can be kept between
 * requests ({@link KeySnapshots}).
 *
 * @param scopes    space-separated, as stored
 * @param expiresAt epoch milliseconds, {@code null} for none
 * @param version   the row's {@code updatedAt}: every change of a key changes it
 */
public record LiveKey(String id, String clientUuid, String clientId, String partnerId, String scopes, String secretHash,
                      Long expiresAt, long version) {

    static LiveKey of(PartnerKeyEntity row) {
        return new LiveKey(row.getId(), row.getClientUuid(), row.getClientId(), row.getPartnerId(), row.getScopes(),
                row.getSecretHash(), row.getExpiresAt(), row.getUpdatedAt());
    }

    @Override
    public String toString() {
        return "LiveKey[" + clientId + "]"; // never the hash
    }
}
