package dev.partnertokens.keycloak.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.partnertokens.keycloak.clientauth.KeyMetadataProperties;
import dev.partnertokens.keycloak.clientauth.PartnerKeyClientAuthenticatorFactory;
import dev.partnertokens.keycloak.mappers.KeyExpiryMapper;
import dev.partnertokens.keycloak.persistence.NewClientScopeLinks;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import dev.partnertokens.keycloak.settings.RealmKeySettings;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolFactory;
import org.keycloak.protocol.oidc.mappers.AudienceProtocolMapper;
import org.keycloak.protocol.oidc.mappers.HardcodedClaim;
import org.keycloak.services.managers.ClientManager;
import org.keycloak.services.managers.RealmManager;

/**
 * The Keycloak side of a partner key: a confidential client with a service account that only the
 * {@code partner-key} authenticator can authenticate, whose optional client scopes are the key's rights.
 */
final class PartnerKeyClients {

    /** The claim that names the partner (the Keycloak Organization's id) in every token of a key. */
    static final String PARTNER_ID_CLAIM = "partner_id";
    static final String PARTNER_ID_ATTRIBUTE = "partner.id";
    static final int CLIENT_NAME_LENGTH = 255;
    /**
     * Realm attribute naming the audiences (comma-separated) every key's tokens carry, for example the partner
     * API's client id; without it a key's tokens carry no audience of their own.
     */
    public static final String KEY_AUDIENCE_ATTRIBUTE = "partner-tokens.key-audience";
    /**
     * The one client role of every key's client, granted to nobody (so no token carries it). It is there for speed:
     * a client without full scope has its list of client roles read for every token it gets
     * ({@code TokenManager#getAccess}), and Keycloak's realm cache never remembers an empty list
     * ({@code RealmCacheSession#getClientRolesStream}); without a role each grant of a key cost one query
     * ({@code KEYCLOAK_ROLE where CLIENT=?}) that a stock client with full scope never makes (docs/benchmarks.md,
     * "Where a grant's time goes"). With it the list is cached, and invalidated cluster-wide like every client role.
     */
    static final String CACHED_ROLE_LIST_MARKER = "partner-key";

    private final KeycloakSession session;
    private final RealmModel realm;

    PartnerKeyClients(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * Makes the key's client. {@code rights} are the realm's scopes for the key's rights ({@link #rightsFor}). Keycloak
     * links the realm's default and optional scopes to the client when its protocol is set, and its service-account
     * scope; what a key does not keep of those is unlinked in one statement ({@link #linkOnlyTheNewKeysScopes}).
     */
    ClientModel create(String clientId, String name, String partnerId, Collection<ClientScopeModel> rights) {
        ClientModel client = realm.addClient(clientId);
        client.setName(displayName(name));
        client.setDescription("Partner key, managed by Partner Tokens");
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setBearerOnly(false);
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setConsentRequired(false);
        client.setFullScopeAllowed(false);
        client.setClientAuthenticatorType(PartnerKeyClientAuthenticatorFactory.PROVIDER_ID);
        // KeyExpiryMapper sets every client_credentials token's lifetime from the realm's current setting; this
        // attribute is what Keycloak would use if that mapper were taken off the client.
        client.setAttribute("access.token.lifespan",
                String.valueOf(RealmKeySettings.of(realm).clientCredentialsLifespan().toSeconds()));
        client.setAttribute(PARTNER_ID_ATTRIBUTE, partnerId);
        new ClientManager(new RealmManager(session)).enableServiceAccount(client);
        linkOnlyTheNewKeysScopes(client, rights);
        client.addProtocolMapper(HardcodedClaim.create("partner", PARTNER_ID_CLAIM, partnerId, "String", true, false, true));
        addAudiences(client);
        client.addProtocolMapper(KeyExpiryMapper.model());
        addMarkerRole(client); // a new client has no role: no look-up first
        // Keycloak generates a plain-text secret for every confidential client; a partner key has none there.
        client.setSecret(null);
        return client;
    }

    private void addAudiences(ClientModel client) {
        String audiences = realm.getAttribute(KEY_AUDIENCE_ATTRIBUTE);
        if (audiences == null) {
            return;
        }
        for (String audience : audiences.split(",")) {
            if (!audience.isBlank()) {
                client.addProtocolMapper(AudienceProtocolMapper.createClaimMapper("audience " + audience.trim(), null,
                        audience.trim(), true, false, true));
            }
        }
    }

    /** The realm's client scopes for a key's rights (permissions and API scopes), made first where missing. */
    Collection<ClientScopeModel> rightsFor(Collection<String> scopes) {
        return new RealmSetup(session, realm).scopesFor(scopes).values();
    }

    /** Adds {@link #CACHED_ROLE_LIST_MARKER} to a key's client that lacks it (one made before it existed). */
    private static void giveOneRole(ClientModel client) {
        if (client.getRole(CACHED_ROLE_LIST_MARKER) == null) {
            addMarkerRole(client);
        }
    }

    private static void addMarkerRole(ClientModel client) {
        client.addRole(CACHED_ROLE_LIST_MARKER).setDescription("Granted to nobody: keeps Keycloak's cache of this"
                + " client's roles filled, so that a grant of the key makes no database query. Added by Partner Tokens.");
    }

    /** Brings a key's client made by an earlier version to the current shape ({@link KeyClientShapes}). */
    void reshape(String clientUuid) {
        ClientModel client = realm.getClientById(clientUuid);
        if (client == null) {
            return;
        }
        giveOneRole(client);
        dropDefaultScopesNotForKeys(client);
    }

    /** After revocation the client stays (so its history stays readable) but can get no token any more. */
    void disable(String clientUuid) {
        ClientModel client = realm.getClientById(clientUuid);
        if (client != null) {
            client.setEnabled(false);
        }
    }

    /** Records the key's expiry on its client, where {@link KeyExpiryMapper} ends every token at it. */
    void setExpiry(String clientUuid, Long expiresAtMillis) {
        ClientModel client = realm.getClientById(clientUuid);
        if (client == null) {
            return;
        }
        if (expiresAtMillis == null) {
            client.removeAttribute(KeyExpiryMapper.EXPIRES_AT_ATTRIBUTE);
        } else {
            client.setAttribute(KeyExpiryMapper.EXPIRES_AT_ATTRIBUTE, String.valueOf(expiresAtMillis / 1000));
        }
    }

    /** Copies the key's metadata into its client's attributes, which its Credentials tab shows. */
    void describe(PartnerKeyEntity key, OrganizationModel partner) {
        ClientModel client = realm.getClientById(key.getClientUuid());
        if (client == null) {
            return;
        }
        giveOneRole(client); // a key made before the role existed gets it at its next change
        describeNew(client, key, partner);
    }

    /** {@link #describe} for the client {@link #create} just made (which has its role). */
    void describeNew(ClientModel client, PartnerKeyEntity key, OrganizationModel partner) {
        client.setAttribute(KeyMetadataProperties.SECRET_MANAGED, KeyMetadataProperties.SECRET_MANAGED_WARNING);
        client.setAttribute(KeyMetadataProperties.PARTNER, partner == null ? key.getPartnerId()
                : partner.getName() + " (" + partner.getAlias() + ")");
        List<String> apiScopes = PartnerKeys.apiScopesOf(key);
        client.setAttribute(KeyMetadataProperties.RIGHTS, String.join(", ",
                PartnerKeys.permissionsOf(key).stream().map(Enum::name).toList())
                + (apiScopes.isEmpty() ? "" : "; API scopes: " + String.join(", ", apiScopes)));
        client.setAttribute(KeyMetadataProperties.STATUS, key.getRevokedAt() == null ? "ACTIVE" : "REVOKED");
        client.setAttribute(KeyMetadataProperties.CREATED_BY, key.getCreatedBy());
        client.setAttribute(KeyMetadataProperties.EXPIRES_AT, key.getExpiresAt() == null ? "never"
                : Instant.ofEpochMilli(key.getExpiresAt()).toString());
        if (key.getSecretPrefix() != null) {
            client.setAttribute(KeyMetadataProperties.SECRET_PREFIX, key.getSecretPrefix());
        }
    }

    void rename(String clientUuid, String name) {
        ClientModel client = realm.getClientById(clientUuid);
        if (client != null) {
            client.setName(displayName(name));
        }
    }

    /**
     * {@link #linkOnlyTheKeysScopes} for a client made in this transaction, in 6 statements whatever the number of scopes
     * (two reads of the client's scopes, one unlink, two reads and the inserts of one link) instead of a statement and a
     * Hibernate flush per scope unlinked and per right linked.
     */
    private void linkOnlyTheNewKeysScopes(ClientModel client, Collection<ClientScopeModel> rights) {
        Set<String> rightIds = rights.stream().map(ClientScopeModel::getId).collect(Collectors.toSet());
        Map<String, ClientScopeModel> optional = client.getClientScopes(false);
        List<String> unlinked = new ArrayList<>();
        client.getClientScopes(true).values().stream()
                .filter(PartnerKeyClients::isNotForKeys)
                .forEach(scope -> unlinked.add(scope.getId()));
        optional.values().stream()
                .filter(scope -> !rightIds.contains(scope.getId()))
                .forEach(scope -> unlinked.add(scope.getId()));
        new NewClientScopeLinks(session).unlink(client, unlinked);
        client.addClientScopes(Set.copyOf(rights), false); // Keycloak skips a scope already linked
    }

    /** Makes {@code scopes} the key's rights, replacing the ones it had. */
    void relinkScopes(String clientUuid, Collection<String> scopes) {
        ClientModel client = realm.getClientById(clientUuid);
        if (client != null) {
            linkOnlyTheKeysScopes(client, new RealmSetup(session, realm).scopesFor(scopes).values());
        }
    }


    /**
     * Keeps the realm's default scopes that add claims but no {@code scope} entries (basic, acr, an audience
     * scope...), drops the others ({@link #isNotForKeys}) and every optional scope, and links the key's rights as
     * optional scopes: a token then carries exactly what was asked for (see the client_credentials grant).
     */
    private void linkOnlyTheKeysScopes(ClientModel client, Collection<ClientScopeModel> rights) {
        dropDefaultScopesNotForKeys(client);
        client.getClientScopes(false).values().stream().toList().forEach(client::removeClientScope);
        rights.forEach(right -> client.addClientScope(right, false));
    }

    private static void dropDefaultScopesNotForKeys(ClientModel client) {
        client.getClientScopes(true).values().stream()
                .filter(PartnerKeyClients::isNotForKeys)
                .toList()
                .forEach(client::removeClientScope);
    }

    /**
     * A default scope a key's client does not keep: one that adds {@code scope} entries (profile, email...), and
     * Keycloak's {@code roles} scope. A key's token carries no role (its client has no full scope, and no scope maps a
     * role), so the three mappers of {@code roles} (realm roles, client roles, audience resolve) would resolve the
     * service account's roles for every token only to add nothing (docs/benchmarks.md); an administrator who wants
     * roles in a key's tokens links the scope and maps the roles on purpose.
     */
    static boolean isNotForKeys(ClientScopeModel scope) {
        return scope.isIncludeInTokenScope() || OIDCLoginProtocolFactory.ROLES_SCOPE.equals(scope.getName());
    }

    /**
     * The key's name as the admin console shows its client. Keycloak's {@code CLIENT.NAME} holds
     * {@value #CLIENT_NAME_LENGTH} characters, and some databases (H2) count UTF-16 units, of which a 200-character key
     * name may need 400: a longer name is cut at a character boundary and ends with an ellipsis. The key's own
     * table keeps the whole name.
     */
    static String displayName(String name) {
        if (name.length() <= CLIENT_NAME_LENGTH) {
            return name;
        }
        int end = CLIENT_NAME_LENGTH - 1;
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end) + "\u2026";
    }

    static Set<String> scopeNames(String spaceSeparated) {
        return Set.of(spaceSeparated.trim().split("\\s+"));
    }
}
