package dev.partnertokens.keycloak.domain;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * A person's role in one partner's dashboard, strongest first. Owners edit and revoke keys; Admins and Developers
 * list, view and create them. Which rights each role may put on a key is {@link RoleRights}.
 */
public enum DashboardRole {

    OWNER, ADMIN, DEVELOPER;

    /** The role's name as the last segment of a group path: {@code owner}, {@code admin}, {@code developer}. */
    public String groupName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code text} in any case ({@code Owner}, {@code OWNER}, {@code owner}), or empty. */
    public static Optional<DashboardRole> named(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (DashboardRole role : values()) {
            if (role.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The strongest of {@code roles}, or empty when there is none. */
    public static Optional<DashboardRole> strongestOf(Collection<DashboardRole> roles) {
        return roles.stream().min(Enum::compareTo);
    }

    /** Whether this role may edit and revoke the partner's keys (only Owners may). */
    public boolean mayEditAndRevoke() {
        return this == OWNER;
    }
}
