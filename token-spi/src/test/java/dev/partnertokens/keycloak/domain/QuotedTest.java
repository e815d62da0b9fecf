package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QuotedTest {

    @Nested
    class EchoedInput {

        @Test
        void isQuoted() {
            assertThat(Quoted.of("abc")).isEqualTo("'abc'");
        }

        @Test
        void nullIsShownAsNull() {
            assertThat(Quoted.of(null)).isEqualTo("null");
        }

        @Test
        void lineBreaksAndControlCharactersAreEscapedSoMessagesCannotForgeLogLines() {
            assertThat(Quoted.of("a\nb\r\tc\u0000\u2028\u202E")).isEqualTo("'a\\u000Ab\\u000D\\u0009c\\u0000\\u2028\\u202E'");
        }

        @Test
        void longInputIsCutAfterFortyCharacters() {
            assertThat(Quoted.of("x".repeat(1000))).isEqualTo("'" + "x".repeat(40) + "…'");
        }

        @Test
        void inputOfExactlyFortyCharactersIsKeptWhole() {
            assertThat(Quoted.bare("y".repeat(40))).isEqualTo("y".repeat(40));
        }

        @Test
        void charactersOutsideTheBasicPlaneCountAsOne() {
            assertThat(Quoted.bare("😀".repeat(41))).isEqualTo("😀".repeat(40) + "…");
        }
    }
}
