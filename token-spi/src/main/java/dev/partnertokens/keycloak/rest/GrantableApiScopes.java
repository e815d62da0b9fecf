package dev.partnertokens.keycloak.rest;

import java.util.List;

import dev.partnertokens.keycloak.domain.ApiScope;

/**
 * {@code GET /tokens/api-scopes}: the API scopes of the realm's catalogue that the caller may put on a key, by name,
 * with their descriptions, so a create form offers exactly those.
 */
public record GrantableApiScopes(List<Scope> data) {

    /** One API scope as a create form shows it. */
    public record Scope(String name, String description) {
    }

    static GrantableApiScopes of(List<ApiScope> scopes) {
        return new GrantableApiScopes(scopes.stream().map(scope -> new Scope(scope.name(), scope.description())).toList());
    }
}
