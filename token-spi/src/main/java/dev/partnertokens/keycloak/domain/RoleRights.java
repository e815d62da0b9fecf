package dev.partnertokens.keycloak.domain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Which rights a person of each {@link DashboardRole} may put on a key. By default an Owner may grant VIEW, TRANSACT
 * and MANAGE, an Admin and a Developer VIEW and TRANSACT: a key holding MANAGE can edit and revoke keys, which is an
 * Owner's power.
 */
public final class RoleRights {

    private static final RoleRights DEFAULTS = new RoleRights(Map.of(
            DashboardRole.OWNER, EnumSet.allOf(Permission.class),
            DashboardRole.ADMIN, EnumSet.of(Permission.VIEW, Permission.TRANSACT),
            DashboardRole.DEVELOPER, EnumSet.of(Permission.VIEW, Permission.TRANSACT)));

    private final Map<DashboardRole, Set<Permission>> grantable;

    private RoleRights(Map<DashboardRole, Set<Permission>> grantable) {
        EnumMap<DashboardRole, Set<Permission>> copy = new EnumMap<>(DashboardRole.class);
        grantable.forEach((role, rights) -> copy.put(role, Set.copyOf(rights)));
        this.grantable = copy;
    }

    public static RoleRights defaults() {
        return DEFAULTS;
    }

    /**
     * These rights with each role's entry replaced where {@code configured} names one: the text is a list of
     * permissions separated by commas or spaces ({@code "VIEW, TRANSACT"}); an empty text means none.
     *
     * @param configured the setting of a role, or {@code null} to keep the current one; names that are not
     *                   permissions are ignored ({@link Permission#parseList})
     */
    public RoleRights overriddenBy(Function<DashboardRole, String> configured) {
        EnumMap<DashboardRole, Set<Permission>> result = new EnumMap<>(grantable);
        for (DashboardRole role : DashboardRole.values()) {
            String text = configured.apply(role);
            if (text != null) {
                result.put(role, Permission.parseList(text));
            }
        }
        return new RoleRights(result);
    }

    /** What a person of {@code role} may put on a key, before the partner's own bounds. */
    public Set<Permission> grantableBy(DashboardRole role) {
        return grantable.get(Objects.requireNonNull(role, "role"));
    }

    @Override
    public String toString() {
        return grantable.toString();
    }
}
