package dev.partnertokens.keycloak.rest;

import java.util.List;

/**
 * The answer of {@code POST /admin/realms/{realm}/partner-tokens/bulk-keys}: the keys created, in order.
 *
 * @param partnerId the partner (Keycloak Organization id) that owns them
 * @param created   how many keys were created
 * @param keys      every key created, its {@code clientSecret} only for the first {@code secrets} of them
 */
public record BulkKeysAnswer(String partnerId, int created, List<Key> keys) {

    /**
     * One key created.
     *
     * @param id           the key's id in the tokens API ({@code Token:<id>})
     * @param clientId     its client id (the user name of its secret)
     * @param clientSecret its secret, shown this once, or {@code null} when the call asked for fewer secrets
     */
    public record Key(String id, String clientId, String clientSecret) {
    }
}
