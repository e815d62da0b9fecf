package dev.partnertokens.keycloak.keys;

import dev.partnertokens.keycloak.domain.PartnerSecret;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;

/** A key just created, with the only copy of its secret that will ever exist outside the caller. */
public record CreatedKey(PartnerKeyEntity key, PartnerSecret secret) {
}
