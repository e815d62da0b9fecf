package dev.partnertokens.keycloak.keys;

import java.util.Objects;
import java.util.Set;

import dev.partnertokens.keycloak.domain.AllowedNetworks;
import dev.partnertokens.keycloak.domain.ExpiresAt;
import dev.partnertokens.keycloak.domain.KeyName;
import dev.partnertokens.keycloak.domain.Permission;

/**
 * What it takes to create a partner key.
 *
 * @param partnerId   the Keycloak Organization the key belongs to
 * @param name        shown to people, not unique
 * @param permissions at least one
 * @param expiresAt   {@code null} for a key that does not expire
 * @param createdBy   who asked for it: a user name, or {@code key:<clientId>} when a key made it
 * @param scopes      API scopes of the realm's catalogue, possibly none
 * @param allowedNetworks where the key may be used from; {@link AllowedNetworks#anywhere()} for no allowlist
 */
public record NewKey(String partnerId, KeyName name, Set<Permission> permissions, ExpiresAt expiresAt, String createdBy,
                     Set<String> scopes, AllowedNetworks allowedNetworks) {

    public NewKey {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(name, "name");
        permissions = Set.copyOf(permissions);
        Objects.requireNonNull(createdBy, "createdBy");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(allowedNetworks, "allowedNetworks");
    }

    public NewKey(String partnerId, KeyName name, Set<Permission> permissions, ExpiresAt expiresAt, String createdBy,
                  Set<String> scopes) {
        this(partnerId, name, permissions, expiresAt, createdBy, scopes, AllowedNetworks.anywhere());
    }

    public NewKey(String partnerId, KeyName name, Set<Permission> permissions, ExpiresAt expiresAt, String createdBy) {
        this(partnerId, name, permissions, expiresAt, createdBy, Set.of());
    }
}
