package dev.partnertokens.api.security;

import java.util.Optional;

/**
 * A person's role in one partner's dashboard. Keycloak puts each person's role per partner into their token as
 * claim {@code partner_roles} ({@code {"acme": "OWNER"}}), decided from the groups
 * {@code /partners/<alias>/<owner|admin|developer>}; the provider decides it again from the same data whenever the
 * partner API acts for the person.
 */
public enum DashboardRole {
    OWNER,
    ADMIN,
    DEVELOPER;

    /** The role spelled exactly {@code name} ({@code OWNER}), or empty. */
    public static Optional<DashboardRole> named(String name) {
        for (DashboardRole role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
