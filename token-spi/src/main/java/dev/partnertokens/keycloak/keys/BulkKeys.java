package dev.partnertokens.keycloak.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.partnertokens.keycloak.domain.AllowedNetworks;
import dev.partnertokens.keycloak.domain.BulkKeyOrder;
import dev.partnertokens.keycloak.domain.ExpiresAt;
import dev.partnertokens.keycloak.domain.PartnerSecret;
import dev.partnertokens.keycloak.domain.Permission;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Creates many keys of one partner through {@link PartnerKeys#create}, the same code path as the tokens API, in
 * batches of {@value #BATCH_SIZE} keys, each batch in a transaction of its own (Hibernate checks every entity of a transaction before each of its queries, so a key costs more the more keys its transaction already holds): a call of 10,000 keys holds no
 * transaction (and no row lock) for its whole length, and a failure keeps the batches committed before it.
 *
 * <p>What the tokens API does besides creating a key and this does not: an audit entry and a Keycloak event per key
 * (the caller writes one entry for the whole call) and the Owners' e-mail per key.
 */
public final class BulkKeys {

    /** Keys per transaction. */
    public static final int BATCH_SIZE = 10;

    private final KeycloakSession session;
    private final RealmModel realm;

    public BulkKeys(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * One key the call created.
     *
     * @param secret the key's secret when the order shows it, otherwise {@code null}
     */
    public record Created(String id, String clientId, PartnerSecret secret) {
    }

    /** What a call created: every key in order, or the ones created before {@code failure}. */
    public record Outcome(List<Created> keys, RuntimeException failure) {
    }

    /**
     * Creates {@code order.count()} keys of the partner with these rights, API scopes and expiry; the rights must
     * already have been checked against the partner's bounds and the expiry against the expiry policy.
     */
    public Outcome create(String partnerId, BulkKeyOrder order, Set<Permission> permissions, Set<String> scopes,
                          ExpiresAt expiresAt, String createdBy) {
        List<Created> created = new ArrayList<>(order.count());
        String realmId = realm.getId();
        for (int first = 1; first <= order.count(); first += BATCH_SIZE) {
            int from = first;
            int to = Math.min(order.count(), first + BATCH_SIZE - 1);
            List<Created> batch = new ArrayList<>(to - from + 1);
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), batchSession -> {
                    RealmModel batchRealm = batchSession.realms().getRealm(realmId);
                    batchSession.getContext().setRealm(batchRealm);
                    PartnerKeys keys = new PartnerKeys(batchSession, batchRealm);
                    for (int n = from; n <= to; n++) {
                        CreatedKey key = keys.create(new NewKey(partnerId, order.nameOf(n), permissions, expiresAt,
                                createdBy, scopes, AllowedNetworks.anywhere()));
                        batch.add(new Created(key.key().getId(), key.key().getClientId(),
                                order.showsSecretOf(n) ? key.secret() : null));
                    }
                });
            } catch (RuntimeException e) {
                return new Outcome(List.copyOf(created), e);
            }
            created.addAll(batch);
        }
        return new Outcome(List.copyOf(created), null);
    }
}
