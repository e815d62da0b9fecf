package dev.partnertokens.keycloak.domain;

import static dev.partnertokens.keycloak.domain.Permission.MANAGE;
import static dev.partnertokens.keycloak.domain.Permission.TRANSACT;
import static dev.partnertokens.keycloak.domain.Permission.VIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionTest {

    @Nested
    class ParsingOne {

        @Test
        void eachPermissionIsReadByItsName() {
            assertThat(Permission.parse("VIEW")).isEqualTo(VIEW);
            assertThat(Permission.parse("TRANSACT")).isEqualTo(TRANSACT);
            assertThat(Permission.parse("MANAGE")).isEqualTo(MANAGE);
        }

        @Test
        void anUnknownPermissionIsRejectedByName() {
            assertThatThrownBy(() -> Permission.parse("ADMIN"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("unknown permission 'ADMIN'; expected one of VIEW, TRANSACT, MANAGE")
                    .extracting("field").isEqualTo("permissions");
        }

        @ParameterizedTest
        @ValueSource(strings = {"view", "Manage", " VIEW", "VIEW ", "", "VIEW,MANAGE"})
        void namesAreExactAndUpperCase(String text) {
            assertThatThrownBy(() -> Permission.parse(text))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("unknown permission '" + text + "'; expected one of VIEW, TRANSACT, MANAGE");
        }

        @Test
        void aMissingPermissionIsRejected() {
            assertThatThrownBy(() -> Permission.parse(null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("unknown permission null; expected one of VIEW, TRANSACT, MANAGE");
        }

        @Test
        void anUnknownPermissionWithALineBreakIsEchoedEscaped() {
            assertThatThrownBy(() -> Permission.parse("VIEW\nMANAGE")).message().doesNotContain("\n").contains("\\u000A");
        }
    }

    @Nested
    class ParsingAList {

        @Test
        void givesTheNamedPermissions() {
            assertThat(Permission.parseAll(List.of("VIEW", "TRANSACT"))).containsExactlyInAnyOrder(VIEW, TRANSACT);
        }

        @Test
        void aNameGivenTwiceCountsOnce() {
            assertThat(Permission.parseAll(List.of("VIEW", "VIEW"))).containsExactly(VIEW);
        }

        @Test
        void anEmptyListIsRejected() {
            assertThatThrownBy(() -> Permission.parseAll(List.of()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("permissions must name at least one of VIEW, TRANSACT, MANAGE")
                    .extracting("field").isEqualTo("permissions");
        }

        @Test
        void oneUnknownNameRejectsTheWholeList() {
            assertThatThrownBy(() -> Permission.parseAll(List.of("VIEW", "ROOT")))
                    .hasMessage("unknown permission 'ROOT'; expected one of VIEW, TRANSACT, MANAGE");
        }

        @Test
        void aNullEntryIsRejected() {
            assertThatThrownBy(() -> Permission.parseAll(Arrays.asList("VIEW", null)))
                    .isInstanceOf(InvalidInputException.class);
        }

        @Test
        void noListAtAllIsAProgrammingError() {
            assertThatNullPointerException().isThrownBy(() -> Permission.parseAll(null));
        }
    }

    @Nested
    class ReadingKeys {

        @Test
        void aKeyWithViewCanListAndRead() {
            assertThat(Permission.canList(Set.of(VIEW))).isTrue();
            assertThat(Permission.canRead(Set.of(VIEW))).isTrue();
        }

        @Test
        void aKeyWithManageCanListAndRead() {
            assertThat(Permission.canList(Set.of(MANAGE))).isTrue();
            assertThat(Permission.canRead(Set.of(MANAGE))).isTrue();
        }

        @Test
        void aKeyWithOnlyTransactCannotListOrRead() {
            assertThat(Permission.canList(Set.of(TRANSACT))).isFalse();
            assertThat(Permission.canRead(Set.of(TRANSACT))).isFalse();
        }

        @Test
        void aKeyWithNoPermissionCannotListOrRead() {
            assertThat(Permission.canList(Set.of())).isFalse();
            assertThat(Permission.canRead(Set.of())).isFalse();
        }
    }

    @Nested
    class CreatingAndDeletingKeys {

        @Test
        void aKeyWithManageCanCreateAndDelete() {
            assertThat(Permission.canCreate(Set.of(MANAGE))).isTrue();
            assertThat(Permission.canDelete(Set.of(MANAGE))).isTrue();
        }

        @Test
        void keyWithoutManageCannotCreateOrDeleteKeys() {
            Set<Permission> allButManage = EnumSet.of(VIEW, TRANSACT);

            assertThat(Permission.canCreate(allButManage)).isFalse();
            assertThat(Permission.canDelete(allButManage)).isFalse();
        }
    }

    @Nested
    class GrantingRights {

        @Test
        void aKeyWithEveryPermissionCanGrantAnyOfThem() {
            Set<Permission> all = EnumSet.allOf(Permission.class);

            assertThat(Permission.canGrant(all, Set.of(VIEW))).isTrue();
            assertThat(Permission.canGrant(all, all)).isTrue();
        }

        @Test
        void aManagingKeyCanGrantWhatItHolds() {
            assertThat(Permission.canGrant(Set.of(MANAGE, VIEW), Set.of(VIEW))).isTrue();
            assertThat(Permission.canGrant(Set.of(MANAGE, VIEW), Set.of(MANAGE, VIEW))).isTrue();
        }

        @Test
        void aKeyCanNeverGrantARightItDoesNotHold() {
            assertThat(Permission.canGrant(Set.of(MANAGE, VIEW), Set.of(TRANSACT))).isFalse();
            assertThat(Permission.canGrant(Set.of(MANAGE), Set.of(MANAGE, VIEW))).isFalse();
        }

        @Test
        void aKeyWithoutManageCanGrantNothingEvenWhatItHolds() {
            assertThat(Permission.canGrant(Set.of(VIEW, TRANSACT), Set.of(VIEW))).isFalse();
            assertThat(Permission.canGrant(Set.of(VIEW), Set.of())).isFalse();
        }

        @Test
        void everyCombinationFollowsTheRule() {
            for (Set<Permission> holder : allSubsets()) {
                for (Set<Permission> requested : allSubsets()) {
                    assertThat(Permission.canGrant(holder, requested))
                            .as("%s granting %s", holder, requested)
                            .isEqualTo(holder.contains(MANAGE) && holder.containsAll(requested));
                }
            }
        }

        @Test
        void missingSetsAreAProgrammingError() {
            assertThatNullPointerException().isThrownBy(() -> Permission.canGrant(Set.of(MANAGE), null));
            assertThatNullPointerException().isThrownBy(() -> Permission.canGrant(null, Set.of(VIEW)));
        }

        private List<Set<Permission>> allSubsets() {
            Permission[] all = Permission.values();
            List<Set<Permission>> subsets = new java.util.ArrayList<>();
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
}
