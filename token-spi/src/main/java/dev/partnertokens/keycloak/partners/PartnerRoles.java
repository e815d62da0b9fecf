package dev.partnertokens.keycloak.partners;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.partnertokens.keycloak.domain.DashboardRole;
import org.keycloak.models.GroupModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A person's dashboard role in a partner, from Keycloak's own data: the person is a member of the partner's
 * Organization and of the realm group {@code /partners/<organization alias>/<owner|admin|developer>} (ADR 8).
 * Someone in two Organizations can be Owner of one and Developer of the other.
 */
public final class PartnerRoles {

    /** The top-level group under which each partner has a group holding one group per role. */
    public static final String GROUP_ROOT = "partners";

    private PartnerRoles() {
    }

    /** The person's strongest role in {@code organization}, or empty when they are not one of its people. */
    public static Optional<DashboardRole> of(UserModel user, OrganizationModel organization) {
        if (user == null || organization == null || !user.isEnabled() || !organization.isMember(user)) {
            return Optional.empty();
        }
        return DashboardRole.strongestOf(rolesByPartner(user).getOrDefault(organization.getAlias(), Set.of()));
    }

    /** Every partner alias in which the person's groups give them a role, with the strongest role. */
    public static Map<String, DashboardRole> strongestByPartner(UserModel user) {
        Map<String, DashboardRole> strongest = new LinkedHashMap<>();
        rolesByPartner(user).forEach((alias, roles) -> DashboardRole.strongestOf(roles).ifPresent(role -> strongest.put(alias, role)));
        return strongest;
    }

    private static Map<String, Set<DashboardRole>> rolesByPartner(UserModel user) {
        Map<String, Set<DashboardRole>> roles = new LinkedHashMap<>();
        user.getGroupsStream().forEach(group -> roleGroup(group).ifPresent(found ->
                roles.computeIfAbsent(found.alias(), alias -> EnumSet.noneOf(DashboardRole.class)).add(found.role())));
        return roles;
    }

    private static Optional<RoleGroup> roleGroup(GroupModel group) {
        String[] path = KeycloakModelUtils.buildGroupPath(group).split("/");
        // "/partners/acme/owner" splits into "", "partners", "acme", "owner"
        if (path.length != 4 || !GROUP_ROOT.equals(path[1])) {
            return Optional.empty();
        }
        return DashboardRole.named(path[3])
                .filter(role -> role.groupName().equals(path[3]))
                .map(role -> new RoleGroup(path[2], role));
    }

    private record RoleGroup(String alias, DashboardRole role) {
    }
}
