package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenIdTest {

    private static final String UUID_TEXT = "123e4567-e89b-12d3-a456-426614174000";

    @Nested
    class TheWireForm {

        @Test
        void isTokenColonUuid() {
            assertThat(new TokenId(UUID.fromString(UUID_TEXT))).hasToString("Token:" + UUID_TEXT);
        }

        @Test
        void parsesBackToTheSameId() {
            TokenId id = TokenId.random();

            assertThat(TokenId.parse(id.toString())).isEqualTo(id);
        }

        @Test
        void acceptsAnUpperCaseUuidAndWritesItInLowerCase() {
            TokenId id = TokenId.parse("Token:" + UUID_TEXT.toUpperCase());

            assertThat(id).hasToString("Token:" + UUID_TEXT);
        }

        @Test
        void randomIdsDiffer() {
            assertThat(TokenId.random()).isNotEqualTo(TokenId.random());
        }
    }

    @Nested
    class ABadId {

        @Test
        void aMissingIdIsRejected() {
            assertThatThrownBy(() -> TokenId.parse(null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("id is required, as Token:<uuid>")
                    .extracting("field").isEqualTo("id");
        }

        @Test
        void anEmptyIdIsRejected() {
            assertThatThrownBy(() -> TokenId.parse("")).hasMessage("id is required, as Token:<uuid>");
        }

        @Test
        void aBareUuidIsRejected() {
            assertThatThrownBy(() -> TokenId.parse(UUID_TEXT))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("id must start with Token:, got '123e4567-e89b-12d3-a456-426614174000'")
                    .extracting("field").isEqualTo("id");
        }

        @ParameterizedTest
        @ValueSource(strings = {"token:", "TOKEN:", "Key:", " Token:"})
        void anotherPrefixIsRejected(String prefix) {
            assertThatThrownBy(() -> TokenId.parse(prefix + UUID_TEXT)).hasMessageStartingWith("id must start with Token:");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not-a-uuid", "1-1-1-1-1", "123e4567e89b12d3a456426614174000",
                "123e4567-e89b-12d3-a456-42661417400", "123e4567-e89b-12d3-a456-4266141740000",
                "123e4567-e89b-12d3-a456-42661417400g", "{123e4567-e89b-12d3-a456-426614174000}",
                "123e4567-e89b-12d3-a456-426614174000 ", "123e4567-e89b-12d3-a456-426614174000\n"})
        void aMalformedUuidIsRejected(String uuid) {
            assertThatThrownBy(() -> TokenId.parse("Token:" + uuid))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("id must be Token: followed by a UUID such as 123e4567-e89b-12d3-a456-426614174000, got ")
                    .extracting("field").isEqualTo("id");
        }

        @Test
        void theEchoedIdCannotBreakALogLine() {
            assertThatThrownBy(() -> TokenId.parse("Token:x\nFAKE LOG LINE")).message().doesNotContain("\n");
        }

        @Test
        void noUuidIsAProgrammingError() {
            assertThatNullPointerException().isThrownBy(() -> new TokenId(null));
        }
    }
}
