package dev.partnertokens.keycloak.guard;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.partnertokens.keycloak.audit.AuthFailures;
import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.domain.BruteForceRules;
import dev.partnertokens.keycloak.partners.Partners;
import dev.partnertokens.keycloak.settings.BruteForceSettings;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The cluster-wide brute-force guard of key authentication ({@link BruteForceRules} with the realm's
 * {@link BruteForceSettings}, counted in Keycloak's distributed single-use object store). {@link #check} runs before a
 * secret is looked at and throws {@link Throttled}; {@link #failed} counts a failure and, when it fills a counter,
 * writes one audit entry and raises one Keycloak event for that throttle: once per window for the whole cluster,
 * however many requests the throttle then refuses.
 */
public final class BruteForceGuard {

    private static final Logger LOG = Logger.getLogger(BruteForceGuard.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final BruteForceRules rules;
    private final BruteForceRules.Limits limits;
    private final String address;
    private final Clock clock = Clock.systemUTC();

    public BruteForceGuard(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.limits = BruteForceSettings.of(realm);
        this.rules = new BruteForceRules(new SingleUseObjectStore(session.singleUseObjects()), realm.getId(), limits);
        this.address = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
    }

    /**
     * Refuses a request whose address is throttled for this key id (known or not).
     *
     * @throws Throttled when it is
     */
    public void check(String keyId) {
        Instant now = clock.instant();
        rules.check(address, keyId, now).ifPresent(throttle -> {
            throw new Throttled(throttle.retryAfterSeconds(now));
        });
    }

    /**
     * Counts a failed authentication of this key id.
     *
     * @param knownKeyClientId the key's client id when the id is a key, {@code null} when it is not (the audit entry
     *                         then names no id: a caller chooses unknown ids)
     * @param partnerId        the key's partner, {@code null} when unknown
     */
    public void failed(String keyId, String knownKeyClientId, String partnerId) {
        Instant now = clock.instant();
        List<BruteForceRules.Reached> reached = rules.failed(address, keyId, now);
        if (!reached.isEmpty()) {
            record(reached, knownKeyClientId, partnerId);
        }
    }

    /** In a transaction of its own: Keycloak may roll back the failed request's. */
    private void record(List<BruteForceRules.Reached> reached, String keyClientId, String partnerId) {
        String realmId = realm.getId();
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
                RealmModel ownRealm = own.realms().getRealm(realmId);
                if (ownRealm == null) {
                    return;
                }
                own.getContext().setRealm(ownRealm);
                OrganizationModel partner = partnerId == null ? null : Partners.byId(own, ownRealm, partnerId);
                String named = keyClientId == null ? AuthFailures.UNKNOWN_KEY : keyClientId;
                KeyAudit.Subject subject = new KeyAudit.Subject(partnerId, partner == null ? null : partner.getAlias(), null, named);
                for (BruteForceRules.Reached one : reached) {
                    new KeyAudit(own, ownRealm).throttled(subject, describe(one, named), address, one.failures(),
                            one.rule().name(), one.until());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Partner Tokens could not record a brute-force throttle: %s", e.toString());
        }
    }

    private String describe(BruteForceRules.Reached reached, String keyClientId) {
        String key = AuthFailures.UNKNOWN_KEY.equals(keyClientId) ? "a client id that is no key" : "key " + keyClientId;
        String within = " within the " + limits.window().toSeconds() + " s window; throttled (429) until " + reached.until();
        String from = address == null ? "an unknown address" : address;
        return switch (reached.rule()) {
            case ADDRESS -> "Address " + from + " made " + reached.failures() + " failed authentications, whatever the key ids,"
                    + within + " for every key id";
            case ADDRESS_AND_KEY -> "Address " + from + " made " + reached.failures() + " failed authentications of " + key
                    + within + " for that key id";
            case KEY -> "Key id " + (AuthFailures.UNKNOWN_KEY.equals(keyClientId) ? "(no key)" : keyClientId) + " failed "
                    + reached.failures() + " times from all addresses together (the last from " + from + ")" + within
                    + " for every address that failed with it";
        };
    }
}
