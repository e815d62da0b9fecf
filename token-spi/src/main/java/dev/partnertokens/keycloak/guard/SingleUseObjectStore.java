package dev.partnertokens.keycloak.guard;

import dev.partnertokens.keycloak.domain.BruteForceRules;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The guard's counters in Keycloak's single-use object store: the {@code actionTokens} cache, distributed over the
 * cluster's nodes (or an external Infinispan). Both operations act on the cache at once, outside the request's
 * transaction, so that a failed request (which Keycloak may roll back) is still counted; {@code putIfAbsent} is atomic
 * across nodes (Keycloak relies on it for single-use action tokens).
 */
final class SingleUseObjectStore implements BruteForceRules.Store {

    private final SingleUseObjectProvider objects;

    SingleUseObjectStore(SingleUseObjectProvider objects) {
        this.objects = objects;
    }

    @Override
    public boolean contains(String key) {
        return objects.contains(key);
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanSeconds) {
        return objects.putIfAbsent(key, lifespanSeconds);
    }
}
