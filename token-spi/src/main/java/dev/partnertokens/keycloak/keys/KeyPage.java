package dev.partnertokens.keycloak.keys;

import java.util.List;

import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;

/**
 * One page of a partner's keys.
 *
 * @param nextCursor {@code null} on the last page
 */
public record KeyPage(List<PartnerKeyEntity> keys, boolean hasMore, String nextCursor, long totalCount) {

    public KeyPage {
        keys = List.copyOf(keys);
    }
}
