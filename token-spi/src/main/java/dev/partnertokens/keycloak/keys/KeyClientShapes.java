package dev.partnertokens.keycloak.keys;

import java.util.List;

import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import dev.partnertokens.keycloak.persistence.PartnerKeyRepository;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Brings the Keycloak clients of keys made by earlier versions to the shape a key's client has now, recorded per key
 * in {@code PARTNER_KEY.CLIENT_SHAPE}:
 * <ol>
 *   <li>the client role {@code partner-key}, granted to nobody, that keeps Keycloak's cache of the client's roles filled
 *       ({@code PartnerKeyClients#CACHED_ROLE_LIST_MARKER}), and no {@code roles} default scope
 *       ({@code PartnerKeyClients#isNotForKeys}): what makes a key's grant cheaper than a stock client's.</li>
 * </ol>
 * Housekeeping runs it in batches on every node ({@code events.PartnerKeyEventsFactory}); two nodes that take the same
 * batch either do the same harmless work (the conditional update records each key once) or one fails on the role's
 * unique name and leaves its batch to the next run.
 */
public final class KeyClientShapes {

    /** The shape every key made now has. */
    public static final int CURRENT = 1;
    /** Keys brought to the current shape per realm and housekeeping run. */
    public static final int BATCH = 500;

    private final KeycloakSession session;
    private final RealmModel realm;

    public KeyClientShapes(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Reshapes at most {@code max} keys' clients of the realm that have an older shape; answers how many. */
    public int upgrade(int max) {
        PartnerKeyRepository keys = new PartnerKeyRepository(session, realm.getId());
        List<PartnerKeyEntity> older = keys.withClientShapeBefore(CURRENT, max);
        if (older.isEmpty()) {
            return 0;
        }
        PartnerKeyClients clients = new PartnerKeyClients(session, realm);
        older.forEach(key -> clients.reshape(key.getClientUuid()));
        return keys.markClientShape(older.stream().map(PartnerKeyEntity::getId).toList(), CURRENT);
    }
}
