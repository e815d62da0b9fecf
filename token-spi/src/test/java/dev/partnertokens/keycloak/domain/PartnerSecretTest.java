package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartnerSecretTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String aSecret() {
        return PartnerSecret.generate(RANDOM).value();
    }

    @Nested
    class AGeneratedSecret {

        @Test
        void startsWithThePrefixScannersLookFor() {
            assertThat(aSecret()).startsWith("ptk_");
        }

        @Test
        void isFiftyThreeCharactersLong() {
            assertThat(aSecret()).hasSize(53);
        }

        @Test
        void usesOnlyBase62AfterThePrefix() {
            assertThat(aSecret().substring(4)).matches("[0-9A-Za-z]{49}");
        }

        @Test
        void carriesAtLeast256BitsOfRandomness() {
            double bits = PartnerSecret.RANDOM_LENGTH * Math.log(62) / Math.log(2);

            assertThat(bits).isGreaterThanOrEqualTo(256);
        }

        @Test
        void endsWithTheCrc32OfItsRandomPartInBase62() {
            String secret = aSecret();
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(secret.substring(4, 47).getBytes(java.nio.charset.StandardCharsets.US_ASCII));

            assertThat(decodeBase62(secret.substring(47))).isEqualTo(crc.getValue());
        }

        @Test
        void looksValid() {
            assertThat(PartnerSecret.looksValid(aSecret())).isTrue();
        }

        @Test
        void isFoundByTheScannerRegex() {
            Pattern scanner = Pattern.compile(PartnerSecret.SCANNER_REGEX);

            for (int i = 0; i < 1_000; i++) {
                String secret = aSecret();
                assertThat(scanner.matcher("export PARTNER_SECRET=" + secret + "\n").find()).as(secret).isTrue();
            }
        }

        @Test
        void neverShowsItselfInToString() {
            PartnerSecret secret = PartnerSecret.generate(RANDOM);

            assertThat(secret.toString()).doesNotContain(secret.value().substring(4, 20)).isEqualTo("PartnerSecret[ptk_…]");
        }

        @Test
        void parsesBackToAnEqualSecret() {
            PartnerSecret secret = PartnerSecret.generate(RANDOM);

            assertThat(PartnerSecret.parse(secret.value())).isEqualTo(secret).hasSameHashCodeAs(secret);
        }
    }

    @Nested
    class ManySecrets {

        @Test
        void secretsFromTheSameGeneratorNeverRepeat() {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 10_000; i++) {
                assertThat(seen.add(aSecret())).isTrue();
            }
        }

        @Test
        void everyCharacterOfTheAlphabetTurnsUp() {
            Set<Character> seen = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                for (char c : aSecret().substring(4, 47).toCharArray()) {
                    seen.add(c);
                }
            }
            assertThat(seen).hasSize(62);
        }

        @Test
        void differentSecretsAreNotEqual() {
            assertThat(PartnerSecret.generate(RANDOM)).isNotEqualTo(PartnerSecret.generate(RANDOM));
        }
    }

    @Nested
    class ABrokenSecret {

        @Test
        void aSecretWithOneCharacterChangedFailsTheChecksum() {
            String secret = aSecret();
            for (int position = 4; position < secret.length(); position++) {
                char original = secret.charAt(position);
                char other = original == 'a' ? 'b' : 'a';
                String changed = secret.substring(0, position) + other + secret.substring(position + 1);

                assertThat(PartnerSecret.looksValid(changed)).as("changed at %d", position).isFalse();
            }
        }

        @Test
        void aSecretWithTwoNeighboursSwappedFailsTheChecksum() {
            String secret = aSecret();
            int position = 4;
            while (secret.charAt(position) == secret.charAt(position + 1)) {
                position++;
            }
            String swapped = secret.substring(0, position) + secret.charAt(position + 1) + secret.charAt(position)
                    + secret.substring(position + 2);

            assertThat(PartnerSecret.looksValid(swapped)).isFalse();
        }

        @Test
        void theChecksumFailureSaysTheSecretWasMistyped() {
            String secret = aSecret();
            String changed = secret.substring(0, 10) + (secret.charAt(10) == 'x' ? 'y' : 'x') + secret.substring(11);

            assertThatThrownBy(() -> PartnerSecret.parse(changed))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("secret checksum does not match; the secret was mistyped or cut short")
                    .extracting("field").isEqualTo("secret");
        }

        @Test
        void aSecretWithAnotherPrefixIsRejected() {
            String secret = "ghp_" + aSecret().substring(4);

            assertThatThrownBy(() -> PartnerSecret.parse(secret)).hasMessage("secret must start with ptk_");
        }

        @Test
        void thePrefixIsCaseSensitive() {
            String secret = "PTK_" + aSecret().substring(4);

            assertThat(PartnerSecret.looksValid(secret)).isFalse();
        }

        @Test
        void aSecretCutShortIsRejected() {
            String secret = aSecret().substring(0, 52);

            assertThatThrownBy(() -> PartnerSecret.parse(secret)).hasMessage("secret must be 53 characters long");
        }

        @Test
        void aSecretWithTrailingWhiteSpaceIsRejected() {
            assertThat(PartnerSecret.looksValid(aSecret() + "\n")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"-", "_", "+", "/", "=", " ", "é"})
        void aSecretWithACharacterOutsideBase62IsRejected(String bad) {
            String secret = aSecret();
            String changed = secret.substring(0, 20) + bad + secret.substring(21);

            assertThatThrownBy(() -> PartnerSecret.parse(changed))
                    .hasMessage("secret may contain only 0-9, A-Z and a-z after the prefix");
        }

        @Test
        void nullIsRejectedNotThrownAsNullPointer() {
            assertThat(PartnerSecret.looksValid(null)).isFalse();
            assertThatThrownBy(() -> PartnerSecret.parse(null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("secret is required");
        }

        @Test
        void anEmptyStringIsRejected() {
            assertThat(PartnerSecret.looksValid("")).isFalse();
        }

        @Test
        void noRejectionMessageContainsTheSecret() {
            String secret = aSecret();
            String[] broken = {
                    secret.substring(0, 52),
                    secret.substring(0, 30) + "-" + secret.substring(31),
                    secret.substring(0, 30) + (secret.charAt(30) == 'x' ? 'y' : 'x') + secret.substring(31),
            };
            for (String text : broken) {
                assertThatThrownBy(() -> PartnerSecret.parse(text)).message().doesNotContain(secret.substring(4, 30));
            }
        }
    }

    @Nested
    class TheScannerRegex {

        private final Pattern scanner = Pattern.compile(PartnerSecret.SCANNER_REGEX);

        @Test
        void theExampleInTheDocumentationIsWellFormedAndFound() {
            String example = "ptk_4eC39HqLyjWDarjtT1zdp7dc0ucqUfHo6Ss2nEB6Rgx1VJsaN";

            assertThat(PartnerSecret.looksValid(example)).isTrue();
            assertThat(scanner.matcher(example).matches()).isTrue();
        }

        @Test
        void doesNotMatchASecretGluedToOtherWordCharacters() {
            String secret = aSecret();

            assertThat(scanner.matcher("x" + secret).find()).isFalse();
            assertThat(scanner.matcher(secret + "x").find()).isFalse();
        }

        @Test
        void matchesASecretInQuotes() {
            assertThat(scanner.matcher("{\"clientSecret\":\"" + aSecret() + "\"}").find()).isTrue();
        }

        @Test
        void allowsOnlyZeroToFourAsTheFirstChecksumDigitBecauseACrc32IsSmaller() {
            assertThat(Base62.encode(0xFFFFFFFFL, 6)).startsWith("4");
            assertThat(decodeBase62("500000")).isGreaterThan(0xFFFFFFFFL);
        }
    }

    private static long decodeBase62(String digits) {
        long value = 0;
        for (char c : digits.toCharArray()) {
            value = value * 62 + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".indexOf(c);
        }
        return value;
    }
}
