package dev.partnertokens.api.security;

import java.util.Collection;
import java.util.Optional;

/**
 * A person's role in their partner's dashboard, carried as a realm role in {@code realm_access.roles}. When a
 * token carries several, the strongest counts.
 */
public enum DashboardRole {
    OWNER("partner-owner"),
    ADMIN("partner-admin"),
    DEVELOPER("partner-developer");

    private final String realmRole;

    DashboardRole(String realmRole) {
        this.realmRole = realmRole;
    }

    public String realmRole() {
        return realmRole;
    }

    /** The strongest dashboard role among {@code realmRoles}, or empty when there is none. */
    public static Optional<DashboardRole> strongestOf(Collection<String> realmRoles) {
        for (DashboardRole role : values()) {
            if (realmRoles.contains(role.realmRole)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
