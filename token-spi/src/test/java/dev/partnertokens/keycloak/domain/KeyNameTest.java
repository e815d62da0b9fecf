package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyNameTest {

    @Nested
    class AGoodName {

        @Test
        void isKeptAsGiven() {
            assertThat(new KeyName("Payments backend (prod)").value()).isEqualTo("Payments backend (prod)");
        }

        @Test
        void losesLeadingAndTrailingSpacesOfAnyWidth() {
            assertThat(new KeyName("  \u3000 ci key\u00A0\u2003 ").value()).isEqualTo("ci key");
        }

        @Test
        void keepsWhiteSpaceInside() {
            assertThat(new KeyName("a  b").value()).isEqualTo("a  b");
        }

        @Test
        void mayBeOneCharacter() {
            assertThat(new KeyName("x").value()).isEqualTo("x");
        }

        @Test
        void mayBeTwoHundredCharacters() {
            assertThat(new KeyName("n".repeat(200)).value()).hasSize(200);
        }

        @Test
        void countsCharactersOutsideTheBasicPlaneAsOne() {
            String emoji = "🔑".repeat(200);

            assertThat(new KeyName(emoji).value()).isEqualTo(emoji);
        }

        @Test
        void mayUseAnyScriptAndJoinedEmoji() {
            assertThat(new KeyName("Ключ für 支付 👩‍💻").value()).isEqualTo("Ключ für 支付 👩‍💻");
        }

        @Test
        void equalsTheSameNameWrittenWithOtherOuterSpace() {
            assertThat(new KeyName(" ci ")).isEqualTo(new KeyName("ci")).hasToString("ci");
        }
    }

    @Nested
    class ABadName {

        @Test
        void nameIsRequired() {
            assertThatThrownBy(() -> new KeyName(null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("name is required")
                    .extracting("field").isEqualTo("name");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "   ", "\u2003", " \u3000 "})
        void aBlankNameIsRejected(String blank) {
            assertThatThrownBy(() -> new KeyName(blank))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("name must not be blank")
                    .extracting("field").isEqualTo("name");
        }

        @Test
        void aNameOfTwoHundredAndOneCharactersIsRejected() {
            assertThatThrownBy(() -> new KeyName("n".repeat(201)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("name must be at most 200 characters, got 201")
                    .extracting("field").isEqualTo("name");
        }

        @Test
        void outerWhiteSpaceDoesNotCountTowardsTheLimit() {
            assertThat(new KeyName("  " + "n".repeat(200) + "  ").value()).hasSize(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\nb", "a\rb", "a\tb", "a\u0000b", "a\u0007b", "a\u001Bb", "a\u007Fb", "a\u0085b", "a\u009Fb"})
        void aNameWithAControlCharacterInsideIsRejected(String name) {
            assertThatThrownBy(() -> new KeyName(name))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("name must not contain control characters, line breaks or direction overrides (found U+")
                    .hasMessageEndingWith(" at position 2)")
                    .extracting("field").isEqualTo("name");
        }

        @Test
        void theMessageSaysWhichCharacterWasFoundWhere() {
            assertThatThrownBy(() -> new KeyName("abc\u0000"))
                    .hasMessage("name must not contain control characters, line breaks or direction overrides (found U+0000 at position 4)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc\n", "abc\r\n", "\tabc", "abc\u0000", "abc\u2028"})
        void outerControlCharactersAndLineBreaksAreRejectedNotStripped(String name) {
            assertThatThrownBy(() -> new KeyName(name))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("name must not contain control characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\u2028b", "a\u2029b"})
        void aNameWithAUnicodeLineOrParagraphSeparatorIsRejected(String name) {
            assertThatThrownBy(() -> new KeyName(name))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("line breaks");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\u202Eb", "a\u202Ab", "a\u2066b", "a\u2069b"})
        void aNameWithADirectionOverrideIsRejectedSoItCannotDisplayAsSomethingElse(String name) {
            assertThatThrownBy(() -> new KeyName(name))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("direction overrides");
        }

        @Test
        void aNameWithAnUnpairedSurrogateIsRejected() {
            assertThatThrownBy(() -> new KeyName("a\uD83Db")).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> new KeyName("ab\uDD11")).isInstanceOf(InvalidInputException.class);
        }
    }
}
