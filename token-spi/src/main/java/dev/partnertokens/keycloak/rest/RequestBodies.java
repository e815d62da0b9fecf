package dev.partnertokens.keycloak.rest;

import java.util.List;

import dev.partnertokens.keycloak.domain.BulkKeyOrder;
import dev.partnertokens.keycloak.domain.SecretRotation;

/**
 * The JSON bodies the provider's endpoints accept (tokens API, refresh-token endpoint, realm administration), bound by {@link JsonBodies}: exactly these members (in the order an
 * "unknown field" answer lists them), each of exactly its JSON type; {@code null} = absent or JSON {@code null}.
 */
final class RequestBodies {

    private static final String NAME = "name must be a string";
    private static final String PERMISSIONS = "permissions must be an array of VIEW, TRANSACT, MANAGE";
    private static final String STRINGS = " must be an array of strings";
    private static final String SCOPES = "scopes must be an array of API scope names such as [\"gateway\"]";
    private static final String API_KEY = "apiKey must be the key's client id, a non-empty string";
    private static final String DESCRIPTION = "description is required: a text saying what the scope gives access to";
    private static final String PARTNER = "partner is required: the alias or id of one of the realm's partners";
    private static final String COUNT = "count must be a whole number from 1 to " + BulkKeyOrder.MAX_COUNT;
    private static final String SECRETS = "secrets must be a whole number from 0 to " + BulkKeyOrder.MAX_SECRETS_SHOWN;
    private static final String NAME_PREFIX = "namePrefix is required: a key name, followed by -1, -2, ...";
    private static final String KEY_LIST = "The body must be a key list as GitHub publishes it: "
            + "{\"public_keys\":[{\"key_identifier\":…,\"key\":…}]}";
    private static final String NETWORKS = "allowedNetworks must be an array of networks such as [\"203.0.113.0/24\", \"2001:db8::/32\"]";

    private RequestBodies() {
    }

    /**
     * A key's members: all of a new key ({@code POST /tokens}; {@code name} and {@code permissions} required), or what
     * to change ({@code PATCH /tokens/{id}}; {@code expiresAt} and {@code allowedNetworks} sent as null clear them).
     */
    record KeyFields(
            @WrongType(NAME) String name,
            @WrongType(value = PERMISSIONS, element = "permissions" + STRINGS) List<String> permissions,
            @WrongType(value = SCOPES, element = "scopes" + STRINGS) List<String> scopes,
            @WrongType("expiresAt must be an ISO-8601 instant such as 2027-01-31T00:00:00Z, or null") String expiresAt,
            @WrongType(value = NETWORKS, element = "allowedNetworks" + STRINGS) List<String> allowedNetworks) {
    }

    /** {@code POST /tokens/{id}/rotate} (optional body). */
    record Rotation(
            @WrongType("overlapSeconds must be a whole number of seconds from 0 to " + SecretRotation.MAX_OVERLAP_SECONDS) Long overlapSeconds,
            @WrongType("revokeOldTokens must be true or false") Boolean revokeOldTokens) {
    }

    /** {@code POST /realms/{realm}/partners/api/v2/refresh-token}: which key the {@code api-secret} header belongs to. */
    record RefreshTokenRequest(
            @WrongType(API_KEY) String apiKey) {

        static final String API_KEY_RULE = API_KEY;
    }

    /** {@code PUT /admin/realms/{realm}/partner-tokens/api-scopes/{name}}. */
    record ApiScopeDescription(
            @WrongType(DESCRIPTION) String description) {

        static final String DESCRIPTION_RULE = DESCRIPTION;
    }

    /** {@code POST /admin/realms/{realm}/partner-tokens/bulk-keys}; {@code count} and {@code secrets} as sent, checked by {@link BulkKeyOrder}. */
    record BulkKeysRequest(
            @WrongType(PARTNER) String partner,
            @WrongType(COUNT) Integer count,
            @WrongType(NAME_PREFIX) String namePrefix,
            @WrongType(value = PERMISSIONS, element = "permissions" + STRINGS) List<String> permissions,
            @WrongType(value = SCOPES, element = "scopes" + STRINGS) List<String> scopes,
            @WrongType("expiresAt must be an ISO-8601 instant such as 2027-01-31T00:00:00Z") String expiresAt,
            @WrongType(SECRETS) Integer secrets) {

        static final String PARTNER_RULE = PARTNER;
        static final String COUNT_RULE = COUNT;
        static final String NAME_PREFIX_RULE = NAME_PREFIX;
    }

    /**
     * {@code PUT /admin/realms/{realm}/partner-tokens/leak-reporter-keys}: a key list in the form GitHub publishes it at
     * {@code https://api.github.com/meta/public_keys/secret_scanning} (member names as GitHub spells them).
     */
    record GitHubKeyList(
            @WrongType(value = KEY_LIST, element = KEY_LIST) List<GitHubKey> public_keys) {

        static final String RULE = KEY_LIST;
    }

    /** One entry of a {@link GitHubKeyList}; {@code is_current} is accepted and not used (every listed key is trusted). */
    record GitHubKey(String key_identifier, String key, Boolean is_current) {
    }
}
