package dev.partnertokens.keycloak.notify;

import java.time.Duration;

import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import dev.partnertokens.keycloak.persistence.PartnerKeyRepository;
import dev.partnertokens.keycloak.settings.RealmKeySettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Tells a partner's Owners once that a key expires soon: {@link RealmKeySettings#expiryNoticeDays()} before its
 * expiry. Run by the provider's housekeeping timer; a key is marked as told ({@code EXPIRY_NOTICE_SENT_AT}) when
 * its e-mail is attempted, so a failing mail server costs one audit entry, not one per run. Realms without an SMTP
 * server are skipped and their keys stay untold until one is set.
 */
public final class ExpiryNotices {

    private static final int BATCH = 100;

    private final KeycloakSession session;

    public ExpiryNotices(KeycloakSession session) {
        this.session = session;
    }

    public void sendDue(RealmModel realm, long nowMillis) {
        if (!OwnerMail.hasMailServer(realm)) {
            return;
        }
        long until = nowMillis + Duration.ofDays(RealmKeySettings.of(realm).expiryNoticeDays()).toMillis();
        OwnerMail mail = new OwnerMail(session, realm);
        PartnerKeyRepository keys = new PartnerKeyRepository(session, realm.getId());
        for (PartnerKeyEntity key : keys.expiringUntold(nowMillis, until, BATCH)) {
            if (!keys.claimExpiryNotice(key.getId(), nowMillis)) {
                continue; // another node's housekeeping told them
            }
            mail.send(KeyNotices.notice(KeyNotice.Kind.EXPIRING, key, null));
        }
    }
}
