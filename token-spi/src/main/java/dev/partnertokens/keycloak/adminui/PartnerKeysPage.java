package dev.partnertokens.keycloak.adminui;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.partnertokens.keycloak.audit.Actor;
import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.notify.KeyNotices;
import dev.partnertokens.keycloak.partners.Partners;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import dev.partnertokens.keycloak.persistence.PartnerKeyRepository;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The items of the admin console's "partner-keys" page. Keycloak 26.7's declarative pages list and edit realm
 * components, so every partner key has one component (its id is the key's id) that mirrors the key: the provider
 * writes it whenever the key changes, and an administrator's change of it is allowed only where it means something:
 * setting Status to {@code REVOKED} (or deleting the item) revokes the key through {@link PartnerKeys#revoke}, with
 * an audit entry naming the administrator. Everything else about a key is refused here. Without the
 * {@code declarative-ui} feature the page does not exist and nothing is written.
 */
public final class PartnerKeysPage {

    public static final String PROVIDER_ID = "partner-keys";
    static final String PROVIDER_TYPE = UiPageProvider.class.getName();

    static final String NAME = "name";
    static final String PARTNER = "partner";
    static final String RIGHTS = "rights";
    static final String STATUS = "status";
    static final String CREATED_BY = "createdBy";
    static final String CREATED_AT = "createdAt";
    static final String EXPIRES_AT = "expiresAt";
    static final String CLIENT_ID = "clientId";
    static final String SECRET_PREFIX = "secretPrefix";
    static final String ACTIVE = "ACTIVE";
    static final String REVOKED = "REVOKED";
    static final String EXPIRED = "EXPIRED";

    /** The columns of the list. */
    static final List<String> LISTED = List.of(NAME, PARTNER, RIGHTS, STATUS, CREATED_BY);
    private static final List<String> READ_ONLY = List.of(NAME, PARTNER, RIGHTS, CREATED_BY, CREATED_AT, EXPIRES_AT,
            CLIENT_ID, SECRET_PREFIX);

    static final List<ProviderConfigProperty> PROPERTIES = List.of(
            readOnly(NAME, "Name", "The key's name, chosen by its partner."),
            readOnly(PARTNER, "Partner", "The partner (Organization) the key belongs to."),
            readOnly(RIGHTS, "Rights", "What the key's tokens may do: VIEW, TRANSACT, MANAGE."),
            status(),
            readOnly(CREATED_BY, "Created by", "Who made the key: a person, a key (key:pk-…) or a platform administrator."),
            readOnly(CREATED_AT, "Created at", "When the key was made (UTC)."),
            readOnly(EXPIRES_AT, "Expires at", "When the key stops working (UTC); 'never' if it does not expire."),
            readOnly(CLIENT_ID, "Client ID", "The key's Keycloak client, where its Credentials tab shows more."),
            readOnly(SECRET_PREFIX, "Secret starts with", "The 4 characters of the key's secret after the prefix every "
                    + "secret shares. The secret itself "
                    + "was shown once, when the key was made; only its hash is stored."));

    /** Set while the provider itself writes items: its own writes are not an administrator's changes. */
    private static final String WRITING = "partner-tokens.admin-page.writing";
    /** Set while an item is being removed, so that revoking its key does not write the item again. */
    private static final String REMOVING = "partner-tokens.admin-page.removing";

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

    /** Writes the key's item as the key now is; creates it if the key has none. */
    public void show(PartnerKeyEntity key) {
        if (!isAvailable() || key.getId().equals(session.getAttribute(REMOVING))) {
            return;
        }
        ComponentModel existing = realm.getComponent(key.getId());
        ComponentModel item = existing == null ? new ComponentModel() : new ComponentModel(existing);
        item.setId(key.getId());
        item.setName(shortened(key.getName()));
        item.setProviderId(PROVIDER_ID);
        item.setProviderType(PROVIDER_TYPE);
        item.setParentId(realm.getId());
        item.getConfig().clear();
        OrganizationModel partner = Partners.byId(session, realm, key.getPartnerId());
        item.getConfig().putSingle(NAME, key.getName());
        item.getConfig().putSingle(PARTNER, partner == null ? key.getPartnerId() : partner.getName() + " (" + partner.getAlias() + ")");
        item.getConfig().putSingle(RIGHTS, String.join(", ", PartnerKeys.permissionsOf(key).stream().map(Enum::name).toList()));
        item.getConfig().putSingle(STATUS, statusOf(key));
        item.getConfig().putSingle(CREATED_BY, key.getCreatedBy());
        item.getConfig().putSingle(CREATED_AT, Instant.ofEpochMilli(key.getCreatedAt()).toString());
        item.getConfig().putSingle(EXPIRES_AT, key.getExpiresAt() == null ? "never" : Instant.ofEpochMilli(key.getExpiresAt()).toString());
        item.getConfig().putSingle(CLIENT_ID, key.getClientId());
        item.getConfig().putSingle(SECRET_PREFIX, key.getSecretPrefix() == null ? "(not kept for keys made before 2026-11-27)" : key.getSecretPrefix());
        writing(() -> {
            if (existing == null) {
                realm.addComponentModel(item);
            } else {
                realm.updateComponent(item);
            }
        });
    }

    /** Removes the key's item (its client was deleted, its row goes). */
    public void hide(String keyId) {
        if (!isAvailable()) {
            return;
        }
        ComponentModel existing = realm.getComponent(keyId);
        if (existing != null) {
            writing(() -> realm.removeComponent(existing));
        }
    }

    /**
     * Writes an item for every key that has none and is not revoked (keys made before the page existed), and drops
     * items whose key does not exist (brought by a realm import: key rows are not part of a realm export).
     */
    public void showMissing() {
        if (!isAvailable()) {
            return;
        }
        PartnerKeyRepository keys = new PartnerKeyRepository(session, realm.getId());
        for (PartnerKeyEntity key : keys.all()) {
            if (key.getRevokedAt() == null && realm.getComponent(key.getId()) == null) {
                show(key);
            }
        }
        realm.getComponentsStream(realm.getId(), PROVIDER_TYPE)
                .filter(item -> PROVIDER_ID.equals(item.getProviderId()) && keys.findById(item.getId()).isEmpty())
                .toList()
                .forEach(item -> writing(() -> realm.removeComponent(item)));
    }

    /** Shows the keys that expired after {@code sinceMillis} and no later than {@code nowMillis} as EXPIRED. */
    public void refreshExpired(long sinceMillis, long nowMillis) {
        if (!isAvailable()) {
            return;
        }
        for (PartnerKeyEntity key : new PartnerKeyRepository(session, realm.getId()).expiredBetween(sinceMillis, nowMillis)) {
            ComponentModel existing = realm.getComponent(key.getId());
            if (existing != null && !statusOf(key).equals(existing.get(STATUS))) {
                show(key);
            }
        }
    }

    /**
     * What an administrator may do to an item: nothing but set its Status to REVOKED. New items come only from keys.
     */
    void checkChange(ComponentModel changed) {
        if (Boolean.TRUE.equals(session.getAttribute(WRITING))) {
            return;
        }
        if (changed.getId() == null) {
            throw new ComponentValidationException("Partner keys are created by their partner on the dashboard or "
                    + "with the tokens API; this page lists them and revokes them.");
        }
        ComponentModel stored = realm.getComponent(changed.getId());
        if (stored == null) {
            return; // a realm import brings its items with their ids; housekeeping drops those of unknown keys
        }
        for (String field : READ_ONLY) {
            String value = changed.get(field);
            if (value != null && !value.equals(stored.get(field))) {
                throw new ComponentValidationException("Only Status can be changed here (to REVOKED): the " + field
                        + " of a key is changed by the Owners of its partner on the dashboard or with the tokens API.");
            }
        }
        String status = changed.get(STATUS);
        if (status != null && !status.equals(stored.get(STATUS)) && !REVOKED.equals(status)) {
            throw new ComponentValidationException("Status can only be set to REVOKED: a revoked or expired key cannot "
                    + "be brought back; its partner makes a new one.");
        }
    }

    /** An administrator saved an item: a Status of REVOKED revokes the key. */
    void changed(ComponentModel item) {
        if (Boolean.TRUE.equals(session.getAttribute(WRITING)) || !REVOKED.equals(item.get(STATUS))) {
            return;
        }
        liveKey(item.getId()).ifPresent(key ->
                revoke(key, "set the key's status to REVOKED on the admin console's partner-keys page"));
    }

    /** An administrator deleted an item: the key is revoked (an item is never deleted otherwise). */
    void removing(ComponentModel item) {
        if (Boolean.TRUE.equals(session.getAttribute(WRITING))) {
            return;
        }
        liveKey(item.getId()).ifPresent(key -> {
            session.setAttribute(REMOVING, key.getId());
            try {
                revoke(key, "deleted the key from the admin console's partner-keys page");
            } finally {
                session.removeAttribute(REMOVING);
            }
        });
    }

    private void revoke(PartnerKeyEntity key, String what) {
        Actor admin = AdminConsoleUser.of(session);
        new PartnerKeys(session, realm).revoke(key, "KEY_REVOKED");
        OrganizationModel partner = Partners.byId(session, realm, key.getPartnerId());
        new KeyAudit(session, realm).request(KeyAudit.Action.REVOKE, 204, admin, new KeyAudit.Subject(key.getPartnerId(),
                partner == null ? null : partner.getAlias(), key.getId(), key.getClientId()), what + ": revoked key '"
                + key.getName() + "'");
        new KeyNotices(session, realm).revoked(key, admin);
    }

    private Optional<PartnerKeyEntity> liveKey(String id) {
        return id == null ? Optional.empty()
                : new PartnerKeyRepository(session, realm.getId()).findById(id).filter(key -> key.getRevokedAt() == null);
    }

    private void writing(Runnable write) {
        Object before = session.getAttribute(WRITING);
        session.setAttribute(WRITING, Boolean.TRUE);
        try {
            write.run();
        } finally {
            if (before == null) {
                session.removeAttribute(WRITING);
            } else {
                session.setAttribute(WRITING, before);
            }
        }
    }

    static String statusOf(PartnerKeyEntity key) {
        if (key.getRevokedAt() != null) {
            return REVOKED;
        }
        return key.getExpiresAt() != null && key.getExpiresAt() <= System.currentTimeMillis() ? EXPIRED : ACTIVE;
    }

    private static String shortened(String name) {
        return name.length() <= 200 ? name : name.substring(0, 199) + "\u2026";
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
