package dev.partnertokens.keycloak.domain;

import static dev.partnertokens.keycloak.domain.Permission.MANAGE;
import static dev.partnertokens.keycloak.domain.Permission.TRANSACT;
import static dev.partnertokens.keycloak.domain.Permission.VIEW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class RoleRightsTest {

    @Test
    void byDefaultOnlyOwnersGrantManage() {
        RoleRights defaults = RoleRights.defaults();
        assertThat(defaults.grantableBy(DashboardRole.OWNER)).containsExactlyInAnyOrder(VIEW, TRANSACT, MANAGE);
        assertThat(defaults.grantableBy(DashboardRole.ADMIN)).containsExactlyInAnyOrder(VIEW, TRANSACT);
        assertThat(defaults.grantableBy(DashboardRole.DEVELOPER)).containsExactlyInAnyOrder(VIEW, TRANSACT);
    }

    @Test
    void aSettingReplacesOneRoleAndLeavesTheOthers() {
        RoleRights rights = RoleRights.defaults().overriddenBy(role -> role == DashboardRole.DEVELOPER ? "view" : null);
        assertThat(rights.grantableBy(DashboardRole.DEVELOPER)).containsExactly(VIEW);
        assertThat(rights.grantableBy(DashboardRole.ADMIN)).containsExactlyInAnyOrder(VIEW, TRANSACT);
    }

    @Test
    void anEmptySettingGrantsNothingAndATypoOnlyTakesRightsAway() {
        RoleRights rights = RoleRights.defaults().overriddenBy(role -> switch (role) {
            case OWNER -> "VIEW,MANGE";
            case ADMIN -> "";
            case DEVELOPER -> null;
        });
        assertThat(rights.grantableBy(DashboardRole.OWNER)).isEqualTo(Set.of(VIEW));
        assertThat(rights.grantableBy(DashboardRole.ADMIN)).isEmpty();
    }
}
