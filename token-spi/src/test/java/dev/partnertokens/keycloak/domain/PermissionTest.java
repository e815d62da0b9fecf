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
        void aKeyWithViewOrManageCanRead() {
            assertThat(Permission.canRead(Set.of(VIEW))).isTrue();
            assertThat(Permission.canRead(Set.of(MANAGE))).isTrue();
        }

        @Test
        void aKeyWithOnlyTransactOrNothingCannotRead() {
            assertThat(Permission.canRead(Set.of(TRANSACT))).isFalse();
            assertThat(Permission.canRead(Set.of())).isFalse();
        }
    }

    @Nested
    class ManagingKeys {

        @Test
        void needsManage() {
            assertThat(Permission.canCreate(Set.of(MANAGE))).isTrue();
            assertThat(Permission.canCreate(EnumSet.of(VIEW, TRANSACT))).isFalse();
        }
    }

    @Nested
    class ReadingASetting {

        @Test
        void takesCommasSpacesAndAnyCaseAndIgnoresWhatIsNoPermission() {
            assertThat(Permission.parseList("view, Transact  MANAGE,,")).containsExactlyInAnyOrder(VIEW, TRANSACT, MANAGE);
            assertThat(Permission.parseList("VIEW,ADMIN")).containsExactly(VIEW);
            assertThat(Permission.parseList(null)).isEmpty();
            assertThat(Permission.parseList(" ")).isEmpty();
        }
    }
}
