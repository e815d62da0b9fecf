package dev.partnertokens.keycloak.events;

import java.util.Optional;

import dev.partnertokens.keycloak.audit.Actor;
import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.notify.KeyNotices;
import dev.partnertokens.keycloak.partners.Partners;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import dev.partnertokens.keycloak.persistence.KeyUsageLog;
import dev.partnertokens.keycloak.persistence.PartnerKeyRepository;
import dev.partnertokens.keycloak.persistence.RevocationLog;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What happens to partner keys outside the tokens API, seen through Keycloak's events in the transaction of the
 * request that caused them:
 * <ul>
 *   <li>an administrator disables a key's client → its tokens are revoked (re-enabling lets it get new ones);</li>
 *   <li>an administrator deletes a key's client → its tokens are revoked and its row removed;</li>
 *   <li>an administrator disables or deletes a partner's Organization → every token of its keys is revoked
 *       (deleting also revokes the keys);</li>
 *   <li>a key revokes one of its own tokens at the realm's RFC 7009 endpoint → that token is revoked.</li>
 * </ul>
 * Each lands in the revocation log (reaching the partner API) and in the audit trail.
 */
final class PartnerKeyEvents implements EventListenerProvider {

    private final KeycloakSession session;

    PartnerKeyEvents(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.REVOKE_GRANT || event.getDetails() == null || event.getClientId() == null) {
            return;
        }
        String tokenId = event.getDetails().get("token_id");
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (tokenId == null || realm == null) {
            return;
        }
        new PartnerKeyRepository(session, realm.getId()).findByClientId(event.getClientId()).ifPresent(key -> {
            long now = System.currentTimeMillis();
            new RevocationLog(session, realm.getId()).append(RevocationLog.Kind.TOKEN, tokenId, key.getPartnerId(),
                    now / 1000, null, null, "TOKEN_REVOKED", now);
            audit(realm, KeyAudit.Action.REVOKE, new Actor("KEY", key.getClientId(), null), key,
                    "revoked one of its tokens (RFC 7009)");
        });
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getError() != null || event.getResourceType() == null || event.getResourcePath() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        if (event.getResourceType() == ResourceType.CLIENT && event.getResourcePath().matches("clients/[^/]+")) {
            clientChanged(realm, event);
        } else if (event.getResourceType() == ResourceType.ORGANIZATION && event.getResourcePath().matches("organizations/[^/]+")) {
            organizationChanged(realm, event);
        }
    }

    private void clientChanged(RealmModel realm, AdminEvent event) {
        String clientUuid = event.getResourcePath().substring("clients/".length());
        PartnerKeyRepository keys = new PartnerKeyRepository(session, realm.getId());
        Optional<PartnerKeyEntity> key = keys.findByClientUuid(clientUuid);
        if (key.isEmpty()) {
            return;
        }
        PartnerKeyEntity found = key.get();
        long now = System.currentTimeMillis();
        if (event.getOperationType() == OperationType.DELETE) {
            if (found.getRevokedAt() == null) {
                new PartnerKeys(session, realm).logRevocation(found, "KEY_DELETED", now);
            }
            Actor admin = admin(realm, event);
            audit(realm, KeyAudit.Action.REVOKE, admin, found, "deleted the key's client in the admin console");
            if (found.getRevokedAt() == null) {
                new KeyNotices(session, realm).revoked(found, admin);
            }
            new KeyUsageLog(session, realm.getId()).remove(found.getId());
            keys.remove(found);
        } else if (event.getOperationType() == OperationType.UPDATE) {
            new PartnerKeys(session, realm).resynchronise(found);
            var client = realm.getClientById(clientUuid);
            if (found.getRevokedAt() != null) {
                if (client != null && client.isEnabled()) {
                    client.setEnabled(false); // a revoked key stays revoked, whatever an old representation said
                }
                return;
            }
            if (client != null && !client.isEnabled()) {
                new PartnerKeys(session, realm).logRevocation(found, "KEY_DISABLED", now);
                Actor admin = admin(realm, event);
                audit(realm, KeyAudit.Action.EDIT, admin, found, "disabled the key's client in the admin console");
                new KeyNotices(session, realm).revoked(found, admin);
            }
        }
    }

    private void organizationChanged(RealmModel realm, AdminEvent event) {
        String organizationId = event.getResourcePath().substring("organizations/".length());
        long now = System.currentTimeMillis();
        if (event.getOperationType() == OperationType.DELETE) {
            revokePartner(realm, organizationId, "PARTNER_DELETED", now);
            PartnerKeys partnerKeys = new PartnerKeys(session, realm);
            for (PartnerKeyEntity key : new PartnerKeyRepository(session, realm.getId()).unrevokedOfPartner(organizationId)) {
                partnerKeys.revoke(key, "PARTNER_DELETED");
                audit(realm, KeyAudit.Action.REVOKE, admin(realm, event), key, "deleted the key's partner in the admin console");
            }
        } else if (event.getOperationType() == OperationType.UPDATE) {
            OrganizationModel organization = Partners.byId(session, realm, organizationId);
            if (organization != null && !organization.isEnabled()) {
                revokePartner(realm, organizationId, "PARTNER_DISABLED", now);
                new KeyAudit(session, realm).log(KeyAudit.Action.EDIT, 200, admin(realm, event),
                        new KeyAudit.Subject(organizationId, organization.getAlias(), null, null),
                        "disabled the partner in the admin console: none of its keys works", sourceIp(event), 1);
            }
        }
    }

    private void revokePartner(RealmModel realm, String organizationId, String reason, long now) {
        new RevocationLog(session, realm.getId()).append(RevocationLog.Kind.PARTNER, organizationId, organizationId,
                now / 1000, null, null, reason, now);
    }

    private void audit(RealmModel realm, KeyAudit.Action action, Actor actor, PartnerKeyEntity key, String detail) {
        OrganizationModel organization = Partners.byId(session, realm, key.getPartnerId());
        new KeyAudit(session, realm).log(action, 200, actor, new KeyAudit.Subject(key.getPartnerId(),
                organization == null ? null : organization.getAlias(), key.getId(), key.getClientId()), detail,
                session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr(), 1);
    }

    private Actor admin(RealmModel realm, AdminEvent event) {
        if (event.getAuthDetails() == null || event.getAuthDetails().getUserId() == null) {
            return Actor.adminConsole(null);
        }
        RealmModel adminRealm = session.realms().getRealm(event.getAuthDetails().getRealmId());
        UserModel admin = adminRealm == null ? null : session.users().getUserById(adminRealm, event.getAuthDetails().getUserId());
        return Actor.adminConsole(admin == null ? event.getAuthDetails().getUserId() : admin.getUsername());
    }

    private static String sourceIp(AdminEvent event) {
        return event.getAuthDetails() == null ? null : event.getAuthDetails().getIpAddress();
    }

    @Override
    public void close() {
        // the session owns everything used here
    }
}
