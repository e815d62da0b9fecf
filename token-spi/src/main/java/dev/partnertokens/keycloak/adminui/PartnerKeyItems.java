package dev.partnertokens.keycloak.adminui;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnertokens.keycloak.domain.AllowedNetworks;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.partners.Partners;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ComponentRepresentation;

/**
 * A partner key as an item of the partner-keys page: a {@link ComponentRepresentation}, the shape the admin console
 * reads, built from the key's row each time it is asked for. Never holds the secret (only the 4 characters after
 * {@code ptk_}). Partners are looked up once per instance, so a list of many keys of few partners costs few look-ups.
 */
final class PartnerKeyItems {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<String, Optional<OrganizationModel>> partners = new HashMap<>();

    PartnerKeyItems(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    ComponentRepresentation of(PartnerKeyEntity key) {
        ComponentRepresentation item = new ComponentRepresentation();
        item.setId(PartnerKeysPage.itemId(key.getId()));
        item.setName(shortened(key.getName()));
        item.setProviderId(PartnerKeysPage.PROVIDER_ID);
        item.setProviderType(PartnerKeysPage.PROVIDER_TYPE);
        item.setParentId(realm.getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        fields(key).forEach(config::putSingle);
        item.setConfig(config);
        return item;
    }

    /** The fields of the key's form, by name, as the page shows them. */
    Map<String, String> fields(PartnerKeyEntity key) {
        Optional<OrganizationModel> partner = partners.computeIfAbsent(key.getPartnerId(),
                id -> Optional.ofNullable(Partners.byId(session, realm, id)));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(PartnerKeysPage.NAME, key.getName());
        fields.put(PartnerKeysPage.PARTNER, partner.map(found -> found.getName() + " (" + found.getAlias() + ")")
                .orElse(key.getPartnerId()));
        fields.put(PartnerKeysPage.RIGHTS, String.join(", ", PartnerKeys.permissionsOf(key).stream().map(Enum::name).toList()));
        List<String> apiScopes = PartnerKeys.apiScopesOf(key);
        fields.put(PartnerKeysPage.API_SCOPES, apiScopes.isEmpty() ? "none" : String.join(", ", apiScopes));
        AllowedNetworks networks = AllowedNetworks.fromStored(key.getAllowedNetworks());
        fields.put(PartnerKeysPage.ALLOWED_NETWORKS, networks.isAnywhere() ? "any address" : String.join(", ", networks.entries()));
        fields.put(PartnerKeysPage.STATUS, statusOf(key));
        fields.put(PartnerKeysPage.CREATED_BY, key.getCreatedBy());
        fields.put(PartnerKeysPage.CREATED_AT, Instant.ofEpochMilli(key.getCreatedAt()).toString());
        fields.put(PartnerKeysPage.EXPIRES_AT, key.getExpiresAt() == null ? "never" : Instant.ofEpochMilli(key.getExpiresAt()).toString());
        fields.put(PartnerKeysPage.CLIENT_ID, key.getClientId());
        fields.put(PartnerKeysPage.SECRET_PREFIX, key.getSecretPrefix() == null
                ? "(not kept for keys made before 2026-11-27)" : key.getSecretPrefix());
        return fields;
    }

    List<ComponentRepresentation> of(List<PartnerKeyEntity> keys) {
        return keys.stream().map(this::of).toList();
    }

    static String statusOf(PartnerKeyEntity key) {
        if (key.getRevokedAt() != null) {
            return PartnerKeysPage.REVOKED;
        }
        return key.getExpiresAt() != null && key.getExpiresAt() <= System.currentTimeMillis()
                ? PartnerKeysPage.EXPIRED : PartnerKeysPage.ACTIVE;
    }

    private static String shortened(String name) {
        return name.length() <= 200 ? name : name.substring(0, 199) + "\u2026";
    }
}
