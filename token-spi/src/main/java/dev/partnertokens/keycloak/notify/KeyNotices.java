package dev.partnertokens.keycloak.notify;

import java.time.Instant;

import dev.partnertokens.keycloak.audit.Actor;
import dev.partnertokens.keycloak.domain.LeakLocation;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Tells a partner's Owners by e-mail that one of its keys was created, revoked, or found leaked and revoked. The e-mail goes once the
 * request's transaction has committed (never for a change that did not happen), from a background thread, in a
 * session of its own: a slow or failing mail server never delays or fails the key action ({@link OwnerMail} logs
 * and audits a failure).
 */
public final class KeyNotices {

    static final String EXECUTOR = "partner-tokens-mail";
    private static final Logger LOG = Logger.getLogger(KeyNotices.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public KeyNotices(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public void created(PartnerKeyEntity key, Actor actor) {
        afterCommit(notice(KeyNotice.Kind.CREATED, key, actor));
    }

    public void revoked(PartnerKeyEntity key, Actor actor) {
        afterCommit(notice(KeyNotice.Kind.REVOKED, key, actor));
    }

    /**
     * Tells the Owners that the key's secret was found in public ({@code where}: URL, source, type, never the secret)
     * and that the key was revoked.
     */
    public void leaked(PartnerKeyEntity key, Actor reporter, LeakLocation where) {
        afterCommit(notice(KeyNotice.Kind.LEAKED, key, reporter, where.describe()));
    }

    static KeyNotice notice(KeyNotice.Kind kind, PartnerKeyEntity key, Actor actor) {
        return notice(kind, key, actor, null);
    }

    static KeyNotice notice(KeyNotice.Kind kind, PartnerKeyEntity key, Actor actor, String foundAt) {
        return new KeyNotice(kind, key.getRealmId(), key.getPartnerId(), key.getId(), key.getClientId(), key.getName(),
                PartnerKeys.permissionsOf(key).stream().map(Enum::name).toList(), actor == null ? null : actor.describe(),
                key.getExpiresAt() == null ? null : Instant.ofEpochMilli(key.getExpiresAt()).toString(), foundAt);
    }

    private void afterCommit(KeyNotice notice) {
        if (!OwnerMail.hasMailServer(realm)) {
            LOG.debugf("Realm %s has no SMTP server: no e-mail about key %s", realm.getName(), notice.keyClientId());
            return;
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        var executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                executor.execute(() -> send(factory, notice));
            }

            @Override
            protected void rollbackImpl() {
                // the key action did not happen: nothing to tell
            }
        });
    }

    private static void send(KeycloakSessionFactory factory, KeyNotice notice) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(notice.realmId());
                if (realm != null) {
                    session.getContext().setRealm(realm);
                    new OwnerMail(session, realm).send(notice);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Partner Tokens could not e-mail about key %s: %s", notice.keyClientId(), e.getClass().getName());
        }
    }
}
