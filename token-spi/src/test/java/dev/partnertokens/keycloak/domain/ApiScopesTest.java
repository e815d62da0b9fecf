package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiScopesTest {

    private static final ApiScopes CATALOGUE = new ApiScopes(List.of(new ApiScope("gateway", "Payments"),
            new ApiScope("vault", "Vault"), new ApiScope("fx", "FX"), new ApiScope("disputes", "Disputes")));

    @Test
    void namesAreLowerCaseWordsThatAreNoPermission() {
        for (String good : List.of("gateway", "fx", "a", "payments:read", "v2.reports", "x_y-z")) {
            assertThatCode(() -> ApiScope.checkedName("name", good)).as(good).doesNotThrowAnyException();
        }
        for (String bad : List.of("", "Gateway", "9fx", "-fx", "view", "VIEW", "manage", "transact", "a b", "fx\n", "é",
                "a".repeat(41))) {
            assertThatThrownBy(() -> ApiScope.checkedName("name", bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> ApiScope.checkedName("name", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ApiScope("fx", "bad\u0007")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ApiScope("fx", "d".repeat(256))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aRequestNamesOnlyScopesOfTheCatalogue() {
        assertThat(CATALOGUE.parseRequested(List.of("vault", "gateway", "vault"))).containsExactly("gateway", "vault");
        assertThat(CATALOGUE.parseRequested(List.of())).isEmpty();
        assertThatThrownBy(() -> CATALOGUE.parseRequested(List.of("gateway", "payouts")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'payouts'").hasMessageContaining("disputes, fx, gateway, vault")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("scopes");
        assertThatThrownBy(() -> new ApiScopes(List.of()).parseRequested(List.of("fx"))).hasMessageContaining("none");
    }

    @Test
    void aCallerIsOfferedTheCatalogueScopesItMayGrantByNameWithTheirDescriptions() {
        assertThat(CATALOGUE.among(Set.of("vault", "fx"))).containsExactly(new ApiScope("fx", "FX"), new ApiScope("vault", "Vault"));
        assertThat(CATALOGUE.among(Set.of("fx", "payouts"))).as("a name outside the catalogue is not offered")
                .containsExactly(new ApiScope("fx", "FX"));
        assertThat(CATALOGUE.among(Set.of())).isEmpty();
        assertThat(new ApiScopes(List.of()).among(Set.of("fx"))).isEmpty();
    }

    @Test
    void aPartnerIsBoundedToTheCatalogueOrToWhatItsSettingNames() {
        assertThat(CATALOGUE.partnerBound(null)).containsExactlyInAnyOrder("gateway", "vault", "fx", "disputes");
        assertThat(CATALOGUE.partnerBound("fx, disputes payouts")).containsExactlyInAnyOrder("fx", "disputes");
        assertThat(CATALOGUE.partnerBound("")).isEmpty();
    }

    @Test
    void aKeysApiScopesAreItsScopesThatAreNoPermission() {
        assertThat(ApiScopes.apiScopesIn("MANAGE VIEW gateway fx")).containsExactly("fx", "gateway");
        assertThat(ApiScopes.apiScopesIn("VIEW")).isEmpty();
        assertThat(ApiScopes.apiScopesIn(null)).isEmpty();
    }

    @Test
    void nobodyGrantsAnApiScopeBeyondTheirsOrTheirPartners() {
        Set<Permission> all = Set.of(Permission.values());
        KeyAuthority key = KeyAuthority.ofKey("self", Set.of(Permission.VIEW, Permission.MANAGE), all, null)
                .withApiScopes(Set.of("gateway", "vault"), Set.of("gateway", "fx"));
        assertThat(key.grantableScopes()).containsExactly("gateway");
        assertThatCode(() -> key.checkMayCreate(Set.of(Permission.VIEW), Set.of("gateway"), null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> key.checkMayCreate(Set.of(Permission.VIEW), Set.of("vault"), null))
                .isInstanceOf(NotAllowedException.class).hasMessageContaining("vault");
        assertThatThrownBy(() -> key.checkMayEdit(new KeyAuthority.TargetKey("other", Set.of(Permission.VIEW), Set.of("fx")),
                null, null, false, null)).isInstanceOf(NotAllowedException.class).hasMessageContaining("API scopes");
        assertThatThrownBy(() -> key.checkMayEdit(new KeyAuthority.TargetKey("self", Set.of(Permission.VIEW)),
                null, Set.of(), false, null)).isInstanceOf(NotAllowedException.class);

        KeyAuthority developer = KeyAuthority.ofPerson(DashboardRole.DEVELOPER, RoleRights.defaults(), all)
                .withApiScopes(Set.of("ignored"), Set.of("fx"));
        assertThatCode(() -> developer.checkMayCreate(Set.of(Permission.VIEW), Set.of("fx"), null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> developer.checkMayCreate(Set.of(Permission.VIEW), Set.of("gateway"), null))
                .isInstanceOf(NotAllowedException.class).hasMessageContaining("[gateway]").hasMessageContaining("[fx]");
        KeyAuthority withoutCatalogue = KeyAuthority.ofPlatformAdministrator(all);
        assertThatThrownBy(() -> withoutCatalogue.checkMayCreate(Set.of(Permission.VIEW), Set.of("fx"), null))
                .isInstanceOf(NotAllowedException.class);
    }

    @Test
    void aKeyNeverRotatesItselfOrAStrongerKey() {
        Set<Permission> all = Set.of(Permission.values());
        KeyAuthority key = KeyAuthority.ofKey("self", Set.of(Permission.VIEW, Permission.MANAGE), all, null)
                .withApiScopes(Set.of("fx"), Set.of("fx", "gateway"));
        assertThatCode(() -> key.checkMayRotate(new KeyAuthority.TargetKey("other", Set.of(Permission.VIEW), Set.of("fx"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> key.checkMayRotate(new KeyAuthority.TargetKey("self", Set.of(Permission.VIEW))))
                .isInstanceOf(NotAllowedException.class).hasMessageContaining("own secret");
        assertThatThrownBy(() -> key.checkMayRotate(new KeyAuthority.TargetKey("other", Set.of(Permission.VIEW), Set.of("gateway"))))
                .isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> KeyAuthority.ofKey("viewer", Set.of(Permission.VIEW), all, null)
                .checkMayRotate(new KeyAuthority.TargetKey("other", Set.of(Permission.VIEW)))).hasMessageContaining("MANAGE");
        assertThatThrownBy(() -> KeyAuthority.ofPerson(DashboardRole.ADMIN, RoleRights.defaults(), all)
                .checkMayRotate(new KeyAuthority.TargetKey("other", Set.of(Permission.VIEW)))).hasMessageContaining("Owner");
        assertThatCode(() -> KeyAuthority.ofPerson(DashboardRole.OWNER, RoleRights.defaults(), all)
                .checkMayRotate(new KeyAuthority.TargetKey("other", Set.of(Permission.MANAGE)))).doesNotThrowAnyException();
    }
}
