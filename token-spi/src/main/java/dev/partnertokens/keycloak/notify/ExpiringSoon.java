package dev.partnertokens.keycloak.notify;

import java.time.Duration;
import java.time.Instant;

import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.partners.Partners;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import dev.partnertokens.keycloak.persistence.PartnerKeyRepository;
import dev.partnertokens.keycloak.settings.RealmKeySettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

/**
 * Raises, once per expiry, a Keycloak event ({@code CLIENT_UPDATE} with detail {@code partner_key_action=EXPIRING_SOON})
 * and an audit entry when a key enters its realm's expiry notice period ({@link RealmKeySettings#expiryNoticeDays()}),
 * whether or not the realm can send e-mail ({@link ExpiryNotices} does that). Run by the housekeeping timer.
 */
public final class ExpiringSoon {

    private static final int BATCH = 100;

    private final KeycloakSession session;

    public ExpiringSoon(KeycloakSession session) {
        this.session = session;
    }

    public void raiseDue(RealmModel realm, long nowMillis) {
        int days = RealmKeySettings.of(realm).expiryNoticeDays();
        long until = nowMillis + Duration.ofDays(days).toMillis();
        KeyAudit audit = new KeyAudit(session, realm);
        PartnerKeyRepository keys = new PartnerKeyRepository(session, realm.getId());
        for (PartnerKeyEntity key : keys.expiringUnannounced(nowMillis, until, BATCH)) {
            if (!keys.claimExpiringSoon(key.getId(), nowMillis)) {
                continue; // another node's housekeeping raised it
            }
            OrganizationModel partner = Partners.byId(session, realm, key.getPartnerId());
            audit.noticed(KeyAudit.Action.EXPIRING_SOON, new KeyAudit.Subject(key.getPartnerId(),
                    partner == null ? null : partner.getAlias(), key.getId(), key.getClientId()),
                    "key '" + key.getName() + "' expires at " + Instant.ofEpochMilli(key.getExpiresAt())
                            + ", within " + days + " days");
        }
    }
}
