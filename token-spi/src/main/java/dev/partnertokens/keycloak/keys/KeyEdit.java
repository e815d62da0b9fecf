package dev.partnertokens.keycloak.keys;

import java.util.Set;

import dev.partnertokens.keycloak.domain.AllowedNetworks;
import dev.partnertokens.keycloak.domain.ExpiresAt;
import dev.partnertokens.keycloak.domain.KeyName;
import dev.partnertokens.keycloak.domain.Permission;

/**
 * What to change on a partner key; a {@code null} component stays as it is.
 *
 * @param name          the new name, or {@code null}
 * @param permissions   the new rights (at least one), or {@code null}
 * @param changeExpiry  whether to replace the expiry with {@code expiresAt}
 * @param expiresAt     the new expiry, {@code null} for none (only read when {@code changeExpiry})
 * @param scopes        the new API scopes (possibly none), or {@code null}
 * @param allowedNetworks the new IP allowlist ({@link AllowedNetworks#anywhere()} to remove it), or {@code null}
 */
public record KeyEdit(KeyName name, Set<Permission> permissions, boolean changeExpiry, ExpiresAt expiresAt, Set<String> scopes,
                      AllowedNetworks allowedNetworks) {

    public KeyEdit {
        permissions = permissions == null ? null : Set.copyOf(permissions);
        scopes = scopes == null ? null : Set.copyOf(scopes);
    }

    public KeyEdit(KeyName name, Set<Permission> permissions, boolean changeExpiry, ExpiresAt expiresAt, Set<String> scopes) {
        this(name, permissions, changeExpiry, expiresAt, scopes, null);
    }

    public KeyEdit(KeyName name, Set<Permission> permissions, boolean changeExpiry, ExpiresAt expiresAt) {
        this(name, permissions, changeExpiry, expiresAt, null);
    }

    public boolean isEmpty() {
        return name == null && permissions == null && !changeExpiry && scopes == null && allowedNetworks == null;
    }
}
