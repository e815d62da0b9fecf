package dev.partnertokens.keycloak.domain;

import static dev.partnertokens.keycloak.domain.Permission.MANAGE;
import static dev.partnertokens.keycloak.domain.Permission.TRANSACT;
import static dev.partnertokens.keycloak.domain.Permission.VIEW;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KeyAuthorityTest {

    private static final Set<Permission> ALL = EnumSet.allOf(Permission.class);
    private static final Instant TOMORROW = Instant.parse("2027-01-02T00:00:00Z");
    private static final KeyAuthority.TargetKey VIEW_KEY = new KeyAuthority.TargetKey("other", Set.of(VIEW));
    private static final KeyAuthority.TargetKey OWNERS_MANAGE_KEY = new KeyAuthority.TargetKey("owners", ALL);

    @Nested
    class AKey {

        private final KeyAuthority manager = KeyAuthority.ofKey("self", Set.of(VIEW, MANAGE), ALL, null);

        @Test
        void withoutManageCannotCreateEditOrRevoke() {
            KeyAuthority viewer = KeyAuthority.ofKey("self", Set.of(VIEW), ALL, null);
            assertThatCode(viewer::checkMayRead).doesNotThrowAnyException();
            assertThatThrownBy(() -> viewer.checkMayCreate(Set.of(VIEW), Set.of(), null)).hasMessageContaining("needs the MANAGE permission");
            assertThatThrownBy(() -> viewer.checkMayRevoke(VIEW_KEY)).hasMessageContaining("needs the MANAGE permission");
        }

        @Test
        void createsExactlyWhenItHoldsManageAndEveryRequestedRight() {
            for (Set<Permission> holder : allSubsets()) {
                for (Set<Permission> requested : allSubsets()) {
                    boolean allowed = holder.contains(MANAGE) && holder.containsAll(requested);
                    KeyAuthority key = KeyAuthority.ofKey("self", holder, ALL, null);
                    if (allowed) {
                        assertThatCode(() -> key.checkMayCreate(requested, Set.of(), null)).as("%s granting %s", holder, requested)
                                .doesNotThrowAnyException();
                    } else {
                        assertThatThrownBy(() -> key.checkMayCreate(requested, Set.of(), null)).as("%s granting %s", holder, requested)
                                .isInstanceOf(NotAllowedException.class);
                    }
                }
            }
        }

        @Test
        void withOnlyTransactCannotRead() {
            assertThatThrownBy(KeyAuthority.ofKey("self", Set.of(TRANSACT), ALL, null)::checkMayRead)
                    .isInstanceOf(NotAllowedException.class);
        }

        @Test
        void createsKeysWithRightsItHoldsButNoOthers() {
            assertThatCode(() -> manager.checkMayCreate(Set.of(VIEW), Set.of(), null)).doesNotThrowAnyException();
            assertThatThrownBy(() -> manager.checkMayCreate(Set.of(VIEW, TRANSACT), Set.of(), null))
                    .hasMessage("A token cannot grant permissions it does not hold: [TRANSACT]");
        }

        @Test
        void isBoundByItsPartnersPermissionsEvenWhenItHoldsMore() {
            KeyAuthority bounded = KeyAuthority.ofKey("self", ALL, Set.of(VIEW, TRANSACT), null);
            assertThatThrownBy(() -> bounded.checkMayCreate(Set.of(VIEW), Set.of(), null)).hasMessageContaining("needs the MANAGE permission");
        }

        @Test
        void thatExpiresCreatesOnlyKeysThatExpireNoLater() {
            KeyAuthority expiring = KeyAuthority.ofKey("self", Set.of(VIEW, MANAGE), ALL, TOMORROW);
            assertThatCode(() -> expiring.checkMayCreate(Set.of(VIEW), Set.of(), TOMORROW)).doesNotThrowAnyException();
            assertThatThrownBy(() -> expiring.checkMayCreate(Set.of(VIEW), Set.of(), null)).hasMessageContaining("later expiry, or none");
            assertThatThrownBy(() -> expiring.checkMayCreate(Set.of(VIEW), Set.of(), TOMORROW.plusSeconds(1))).isInstanceOf(NotAllowedException.class);
            assertThatThrownBy(() -> expiring.checkMayEdit(VIEW_KEY, null, null, true, null)).isInstanceOf(NotAllowedException.class);
            assertThatCode(() -> expiring.checkMayEdit(VIEW_KEY, null, null, true, TOMORROW.minusSeconds(60))).doesNotThrowAnyException();
        }

        @Test
        void cannotChangeItsOwnRightsOrExpiryButMayRenameItself() {
            KeyAuthority.TargetKey itself = new KeyAuthority.TargetKey("self", Set.of(VIEW, MANAGE));
            assertThatThrownBy(() -> manager.checkMayEdit(itself, Set.of(VIEW), null, false, null))
                    .hasMessage("A token cannot change its own permissions, API scopes or expiry");
            assertThatThrownBy(() -> manager.checkMayEdit(itself, null, null, true, null)).isInstanceOf(NotAllowedException.class);
            assertThatCode(() -> manager.checkMayEdit(itself, null, null, false, null)).doesNotThrowAnyException();
        }

        @Test
        void cannotEditOrRevokeAKeyHoldingARightItLacks() {
            assertThatThrownBy(() -> manager.checkMayRevoke(OWNERS_MANAGE_KEY)).hasMessageContaining("holds permissions it does not hold");
            assertThatThrownBy(() -> manager.checkMayEdit(OWNERS_MANAGE_KEY, null, null, false, null)).isInstanceOf(NotAllowedException.class);
            assertThatCode(() -> manager.checkMayRevoke(VIEW_KEY)).doesNotThrowAnyException();
        }
    }

    @Nested
    class APerson {

        private final RoleRights defaults = RoleRights.defaults();

        @Test
        void developerCreatesViewAndTransactKeysButNotManage() {
            KeyAuthority developer = KeyAuthority.ofPerson(DashboardRole.DEVELOPER, defaults, ALL);
            assertThatCode(() -> developer.checkMayCreate(Set.of(VIEW, TRANSACT), Set.of(), null)).doesNotThrowAnyException();
            assertThatThrownBy(() -> developer.checkMayCreate(Set.of(VIEW, MANAGE), Set.of(), null))
                    .hasMessage("Your dashboard role DEVELOPER may not grant [MANAGE]; it may grant [VIEW, TRANSACT]");
        }

        @Test
        void adminLikewiseMayNotGrantManage() {
            assertThatThrownBy(() -> KeyAuthority.ofPerson(DashboardRole.ADMIN, defaults, ALL).checkMayCreate(Set.of(MANAGE), Set.of(), null))
                    .isInstanceOf(NotAllowedException.class);
        }

        @Test
        void onlyAnOwnerEditsAndRevokes() {
            KeyAuthority owner = KeyAuthority.ofPerson(DashboardRole.OWNER, defaults, ALL);
            assertThatCode(() -> owner.checkMayRevoke(OWNERS_MANAGE_KEY)).doesNotThrowAnyException();
            assertThatCode(() -> owner.checkMayEdit(VIEW_KEY, ALL, null, true, null)).doesNotThrowAnyException();
            for (DashboardRole role : Set.of(DashboardRole.ADMIN, DashboardRole.DEVELOPER)) {
                KeyAuthority other = KeyAuthority.ofPerson(role, defaults, ALL);
                assertThatThrownBy(() -> other.checkMayRevoke(VIEW_KEY)).hasMessage("Only an Owner may revoke keys; your dashboard role is " + role);
                assertThatThrownBy(() -> other.checkMayEdit(VIEW_KEY, null, null, false, null)).isInstanceOf(NotAllowedException.class);
            }
        }

        @Test
        void theMappingIsConfigurationAndThePartnersBoundsStillApply() {
            RoleRights generous = defaults.overriddenBy(role -> role == DashboardRole.DEVELOPER ? "VIEW, TRANSACT, MANAGE" : null);
            assertThatCode(() -> KeyAuthority.ofPerson(DashboardRole.DEVELOPER, generous, ALL).checkMayCreate(Set.of(MANAGE), Set.of(), null))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> KeyAuthority.ofPerson(DashboardRole.OWNER, defaults, Set.of(VIEW, TRANSACT))
                    .checkMayCreate(Set.of(MANAGE), Set.of(), null)).isInstanceOf(NotAllowedException.class);
        }
    }

    @Nested
    class APlatformAdministrator {

        @Test
        void grantsWhatThePartnerMayHold() {
            KeyAuthority administrator = KeyAuthority.ofPlatformAdministrator(Set.of(VIEW, TRANSACT));
            assertThatCode(() -> administrator.checkMayCreate(Set.of(VIEW, TRANSACT), Set.of(), null)).doesNotThrowAnyException();
            assertThatCode(() -> administrator.checkMayRevoke(OWNERS_MANAGE_KEY)).doesNotThrowAnyException();
            assertThatThrownBy(() -> administrator.checkMayCreate(Set.of(MANAGE), Set.of(), null))
                    .hasMessage("This partner's keys may not hold [MANAGE]; they may hold [VIEW, TRANSACT]");
        }
    }

    private static java.util.List<Set<Permission>> allSubsets() {
        Permission[] all = Permission.values();
        java.util.List<Set<Permission>> subsets = new java.util.ArrayList<>();
        for (int mask = 0; mask < 1 << all.length; mask++) {
            Set<Permission> subset = EnumSet.noneOf(Permission.class);
            for (int i = 0; i < all.length; i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(all[i]);
                }
            }
            subsets.add(subset);
        }
        return subsets;
    }
}
