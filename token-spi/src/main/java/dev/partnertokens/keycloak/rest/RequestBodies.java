package dev.partnertokens.keycloak.rest;

import java.util.List;

import dev.partnertokens.keycloak.domain.SecretRotation;

/**
 * The JSON bodies the tokens API accepts, bound by {@link JsonBodies}: exactly these members (in the order an
 * "unknown field" answer lists them), each of exactly its JSON type; {@code null} = absent or JSON {@code null}.
 */
final class RequestBodies {

    private static final String NAME = "name must be a string";
    private static final String PERMISSIONS = "permissions must be an array of VIEW, TRANSACT, MANAGE";
    private static final String STRINGS = " must be an array of strings";
    private static final String SCOPES = "scopes must be an array of API scope names such as [\"gateway\"]";
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
}
