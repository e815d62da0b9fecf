package dev.partnertokens.keycloak.events;

import java.util.List;

import dev.partnertokens.keycloak.adminui.PartnerKeysPage;
import dev.partnertokens.keycloak.audit.Actor;
import dev.partnertokens.keycloak.audit.AuthFailures;
import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.notify.ExpiringSoon;
import dev.partnertokens.keycloak.notify.ExpiryNotices;
import dev.partnertokens.keycloak.keys.KeyClientShapes;
import dev.partnertokens.keycloak.keys.LastUses;
import dev.partnertokens.keycloak.partners.Partners;
import dev.partnertokens.keycloak.persistence.KeyAuditLog;
import dev.partnertokens.keycloak.persistence.KeyUsageLog;
import dev.partnertokens.keycloak.persistence.PartnerKeyRepository;
import dev.partnertokens.keycloak.persistence.RevocationLog;
import dev.partnertokens.keycloak.settings.BruteForceSettings;
import dev.partnertokens.keycloak.settings.HousekeepingSettings;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.TimerProvider;

/**
 * The {@code partner-tokens} event listener, global (it sees every realm's events without being configured), and
 * the housekeeping of this Keycloak node ({@link HousekeepingSettings}): every {@code auth-failure-flush-seconds} (default 60; {@code kc.sh
 * --spi-events-listener--partner-tokens--auth-failure-flush-seconds=5}) it writes the counted failed key
 * authentications to the audit trail, prunes the revocation log, e-mails the Owners of partners whose keys expire
 * soon ({@link ExpiryNotices}), raises the "expiring soon" events ({@link dev.partnertokens.keycloak.notify.ExpiringSoon})
 * and deletes the realm components that earlier versions stored for the admin console's partner-keys page
 * ({@link PartnerKeysPage#removeLeftoverItems}). Every {@code last-used-flush-seconds}
 * (default 30; {@code --spi-events-listener--partner-tokens--last-used-flush-seconds=5}) it writes the keys' last uses
 * behind ({@link LastUses}), and once more when Keycloak stops cleanly. When a realm is removed, its partner-key rows,
 * revocation log and audit trail go with it.
 */
public final class PartnerKeyEventsFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "partner-tokens";
    private static final Logger LOG = Logger.getLogger(PartnerKeyEventsFactory.class);

    private HousekeepingSettings settings = HousekeepingSettings.defaults();
    private KeycloakSessionFactory sessionFactory;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new PartnerKeyEvents(session);
    }

    @Override
    public void init(Config.Scope config) {
        settings = HousekeepingSettings.of(config, PROVIDER_ID);
        // the brute-force guard of realms that do not set partner-tokens.brute-force.enabled (BruteForceSettings)
        BruteForceSettings.onByDefault(settings.bruteForceGuard());
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                String realmId = removed.getRealm().getId();
                KeycloakSession session = removed.getKeycloakSession();
                new PartnerKeyRepository(session, realmId).removeAll();
                new RevocationLog(session, realmId).removeAll();
                new KeyAuditLog(session, realmId).removeAll();
                new KeyUsageLog(session, realmId).removeAll();
            }
        });
        sessionFactory = factory;
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            timer.schedule(() -> housekeeping(factory), settings.authFailureFlush().toMillis(), "partner-tokens-housekeeping");
            timer.schedule(() -> LastUses.ofThisNode().flush(factory), settings.lastUsedFlush().toMillis(), "partner-tokens-last-used");
        });
    }

    private static void housekeeping(KeycloakSessionFactory factory) {
        try {
            var failures = AuthFailures.ofThisNode().drain();
            long now = System.currentTimeMillis();
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                failures.forEach((bucket, count) -> {
                    RealmModel realm = session.realms().getRealm(bucket.realmId());
                    if (realm == null) {
                        return;
                    }
                    OrganizationModel partner = bucket.partnerId() == null ? null
                            : Partners.byId(session, realm, bucket.partnerId());
                    new KeyAudit(session, realm).log(KeyAudit.Action.AUTH_FAILED, 401, Actor.system(),
                            new KeyAudit.Subject(bucket.partnerId(), partner == null ? null : partner.getAlias(), null,
                                    bucket.keyClientId()),
                            bucket.reason() == AuthFailures.Reason.DISALLOWED_ADDRESS
                                    ? count + " use" + (count == 1 ? "" : "s") + " of key " + bucket.keyClientId()
                                    + " with its secret from " + bucket.sourceAddress()
                                    + ", an address its allowed networks do not include: refused"
                                    : count + " failed authentication" + (count == 1 ? "" : "s") + " of "
                                    + (AuthFailures.UNKNOWN_KEY.equals(bucket.keyClientId()) ? "client ids that are no key" : "key " + bucket.keyClientId())
                                    + " from " + bucket.sourceAddress(),
                            bucket.sourceAddress(), count);
                });
                session.realms().getRealmsStream().forEach(realm -> new RevocationLog(session, realm.getId()).prune(now));
            });
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream().forEach(realm -> {
                session.getContext().setRealm(realm);
                new ExpiringSoon(session).raiseDue(realm, now);
                new ExpiryNotices(session).sendDue(realm, now);
            }));
        } catch (RuntimeException e) {
            LOG.warnf("Partner Tokens housekeeping failed: %s", e.toString());
        }
        removeLeftoverPageItems(factory);
        reshapeOlderKeyClients(factory);
    }

    /** In a transaction of its own per realm: keys made by earlier versions get the current client shape, in batches. */
    private static void reshapeOlderKeyClients(KeycloakSessionFactory factory) {
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    if (realm == null) {
                        return;
                    }
                    session.getContext().setRealm(realm);
                    int reshaped = new KeyClientShapes(session, realm).upgrade(KeyClientShapes.BATCH);
                    if (reshaped > 0) {
                        LOG.infof("Brought the clients of %d partner keys of realm %s to the current shape", reshaped, realm.getName());
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf("Partner Tokens could not reshape key clients of realm %s now (tried again at the next run): %s", realmId, e.toString());
            }
        }
    }

    /** In a transaction of its own: a realm that cannot be changed now must not hold up the e-mails. */
    private static void removeLeftoverPageItems(KeycloakSessionFactory factory) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream().forEach(realm -> {
                session.getContext().setRealm(realm);
                int removed = new PartnerKeysPage(session, realm).removeLeftoverItems();
                if (removed > 0) {
                    LOG.infof("Removed %d partner-keys components of realm %s left by an earlier version (ADR 9)",
                            removed, realm.getName());
                }
            }));
        } catch (RuntimeException e) {
            LOG.warnf("Partner Tokens housekeeping could not remove leftover partner-keys components: %s", e.toString());
        }
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    /**
     * What this factory uses when Keycloak stops: Keycloak closes a factory before those it depends on, so the last
     * write of last uses ({@link #close}) still finds the database.
     */
    @Override
    public java.util.Set<Class<? extends org.keycloak.provider.Provider>> dependsOn() {
        return java.util.Set.of(org.keycloak.connections.jpa.JpaConnectionProvider.class, TimerProvider.class,
                org.keycloak.models.RealmProvider.class);
    }

    /** A clean shutdown writes the last uses not written yet. */
    @Override
    public void close() {
        if (sessionFactory != null) {
            LastUses.ofThisNode().flushAtShutdown(sessionFactory);
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
