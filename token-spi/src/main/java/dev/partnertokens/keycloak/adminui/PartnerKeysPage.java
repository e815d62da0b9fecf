package dev.partnertokens.keycloak.adminui;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.partnertokens.keycloak.domain.ConsoleKeyEdit;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.TokenId;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The admin console's "partner-keys" page (ADR 9). Keycloak 26.7's declarative pages list and edit realm components;
 * this page's items are <em>not</em> stored as components: {@link PartnerKeysPageRoutes} sends the console's requests
 * for them to {@link PartnerKeysPageResource}, which answers from the {@code PARTNER_KEY} table in the shape of a
 * component. An item's id is the key's tokens-API id ({@code Token:<uuid>}), which is longer than any id Keycloak's
 * {@code COMPONENT} table can hold, so that an id says by itself whether it is a key's.
 *
 * <p>Realms of earlier versions hold one component per key; {@link #removeLeftoverItems} deletes them.
 */
public final class PartnerKeysPage {

    public static final String PROVIDER_ID = "partner-keys";
    static final String PROVIDER_TYPE = UiPageProvider.class.getName();

    static final String NAME = "name";
    static final String PARTNER = "partner";
    static final String RIGHTS = "rights";
    static final String STATUS = ConsoleKeyEdit.STATUS;
    static final String CREATED_BY = "createdBy";
    static final String CREATED_AT = "createdAt";
    static final String EXPIRES_AT = "expiresAt";
    static final String CLIENT_ID = "clientId";
    static final String SECRET_PREFIX = "secretPrefix";
    static final String API_SCOPES = "apiScopes";
    static final String ALLOWED_NETWORKS = "allowedNetworks";
    static final String ACTIVE = "ACTIVE";
    static final String REVOKED = ConsoleKeyEdit.REVOKED;
    static final String EXPIRED = "EXPIRED";

    /** The columns of the list. */
    static final List<String> LISTED = List.of(NAME, PARTNER, RIGHTS, STATUS, CREATED_BY);
    static final Set<String> READ_ONLY = Set.of(NAME, PARTNER, RIGHTS, API_SCOPES, ALLOWED_NETWORKS, CREATED_BY, CREATED_AT,
            EXPIRES_AT, CLIENT_ID, SECRET_PREFIX);

    static final String CREATE_REFUSED = "Partner keys are created by their partner on the dashboard or with the "
            + "tokens API; this page lists them and revokes them.";

    static final List<ProviderConfigProperty> PROPERTIES = List.of(
            readOnly(NAME, "Name", "The key's name, chosen by its partner."),
            readOnly(PARTNER, "Partner", "The partner (Organization) the key belongs to."),
            readOnly(RIGHTS, "Rights", "What the key's tokens may do: VIEW, TRANSACT, MANAGE."),
            readOnly(API_SCOPES, "API scopes", "The APIs of the realm's catalogue the key's tokens may call; 'none' "
                    + "when the key holds no API scope. Set by the partner on the dashboard or with the tokens API."),
            readOnly(ALLOWED_NETWORKS, "Allowed from", "The networks (CIDR) the key may be used from; 'any address' "
                    + "when it has no allowlist. Use from elsewhere gets the wrong-secret answer and an audit entry."),
            status(),
            readOnly(CREATED_BY, "Created by", "Who made the key: a person, a key (key:pk-…) or a platform administrator."),
            readOnly(CREATED_AT, "Created at", "When the key was made (UTC)."),
            readOnly(EXPIRES_AT, "Expires at", "When the key stops working (UTC); 'never' if it does not expire."),
            readOnly(CLIENT_ID, "Client ID", "The key's Keycloak client, where its Credentials tab shows more."),
            readOnly(SECRET_PREFIX, "Secret starts with", "The 4 characters of the key's secret after the prefix every "
                    + "secret shares. The secret itself "
                    + "was shown once, when the key was made; only its hash is stored."));

    /** Leftover items deleted per realm and housekeeping run: a realm of 100,000 keys is emptied in 50 runs. */
    static final int LEFTOVERS_PER_RUN = 2000;

    private final KeycloakSession session;
    private final RealmModel realm;

    public PartnerKeysPage(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Whether the page exists on this server: the {@code declarative-ui} feature is on. */
    public boolean isAvailable() {
        return session.getKeycloakSessionFactory().getProviderFactory(UiPageProvider.class, PROVIDER_ID) instanceof UiPageProviderFactory<?>;
    }

    /**
     * Deletes up to {@link #LEFTOVERS_PER_RUN} of the realm's stored page items: earlier versions kept a copy of
     * every key as a realm component, and a realm export of theirs brings them back on import. Reads the realm's
     * cached components, so a realm without any costs nothing.
     *
     * @return how many were deleted
     */
    public int removeLeftoverItems() {
        if (!isAvailable()) {
            return 0; // without the feature Keycloak cannot remove components of the page's type; it never wrote any
        }
        List<ComponentModel> leftovers = realm.getComponentsStream(realm.getId(), PROVIDER_TYPE)
                .filter(item -> PROVIDER_ID.equals(item.getProviderId()))
                .limit(LEFTOVERS_PER_RUN)
                .toList();
        leftovers.forEach(realm::removeComponent);
        return leftovers.size();
    }

    /**
     * Keycloak's own component endpoints never store an item of this page. "Create item" (no id) is refused with a
     * message; so is saving a leftover item of an earlier version. A realm import brings its items with their ids and
     * is let through: housekeeping deletes them.
     */
    static void refuseStoredItem(RealmModel realm, ComponentModel model) {
        if (model.getId() == null) {
            throw new ComponentValidationException(CREATE_REFUSED);
        }
        if (realm.getComponent(model.getId()) != null) {
            throw new ComponentValidationException("This is a copy of a partner key left by an earlier version and "
                    + "about to be deleted; open the key from the partner-keys list.");
        }
    }

    /** The page item id of a key: its tokens-API id. */
    static String itemId(String keyId) {
        return TokenId.PREFIX + keyId;
    }

    /** The key id an item id names, if it is of the form {@code Token:<uuid>}. */
    static Optional<String> keyId(String itemId) {
        if (itemId == null || !itemId.startsWith(TokenId.PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(TokenId.parse(itemId).uuid().toString());
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    private static ProviderConfigProperty readOnly(String name, String label, String help) {
        ProviderConfigProperty property = new ProviderConfigProperty(name, label, help, ProviderConfigProperty.STRING_TYPE, null);
        property.setReadOnly(true);
        return property;
    }

    private static ProviderConfigProperty status() {
        ProviderConfigProperty property = new ProviderConfigProperty(STATUS, "Status", "ACTIVE, EXPIRED or REVOKED. Set "
                + "it to REVOKED and save to revoke the key: it gets no new token, and every token it was given is "
                + "refused by the partner API within seconds.", ProviderConfigProperty.LIST_TYPE, ACTIVE);
        property.setOptions(List.of(ACTIVE, REVOKED, EXPIRED));
        return property;
    }
}
