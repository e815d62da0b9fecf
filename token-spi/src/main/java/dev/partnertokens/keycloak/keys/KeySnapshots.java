package dev.partnertokens.keycloak.keys;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * Live keys as last read from the database, so that authenticating a key costs no query, like a stock client secret.
 * A snapshot is trusted only while the key's Keycloak client carries the same version ({@value #VERSION_ATTRIBUTE},
 * the row's {@code updatedAt}): every change of a key changes that attribute in the same transaction, and Keycloak's
 * realm cache, which serves the client, is invalidated on every node when it commits. So a revoked, edited or rotated
 * key misses here at once, on every node, and is read again.
 */
final class KeySnapshots {

    static final String VERSION_ATTRIBUTE = "partner.key-version";

    private static final Cache<String, LiveKey> SNAPSHOTS = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(30))
            .build();

    private KeySnapshots() {
    }

    /**
     * The live key of this client id: the snapshot when the client's version still matches it, otherwise what
     * {@code read} finds in the database (remembered for next time).
     */
    static Optional<LiveKey> find(RealmModel realm, String clientId, Supplier<Optional<LiveKey>> read) {
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null) {
            return Optional.empty();
        }
        String cacheKey = realm.getId() + "/" + clientId;
        LiveKey snapshot = SNAPSHOTS.getIfPresent(cacheKey);
        String version = client.getAttribute(VERSION_ATTRIBUTE);
        if (snapshot != null && snapshot.clientUuid().equals(client.getId()) && String.valueOf(snapshot.version()).equals(version)) {
            return Optional.of(snapshot);
        }
        Optional<LiveKey> fresh = read.get();
        fresh.ifPresentOrElse(key -> SNAPSHOTS.put(cacheKey, key), () -> SNAPSHOTS.invalidate(cacheKey));
        return fresh;
    }

    /** Records the key's version on its client, in the transaction that changes the key. */
    static void markChanged(ClientModel client, long version) {
        if (client != null) {
            client.setAttribute(VERSION_ATTRIBUTE, String.valueOf(version));
        }
    }
}
