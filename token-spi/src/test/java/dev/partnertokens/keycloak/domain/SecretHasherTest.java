package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SecretHasherTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PEPPER = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final PartnerSecret secret = PartnerSecret.generate(RANDOM);
    private final PartnerSecret otherSecret = PartnerSecret.generate(RANDOM);

    @Nested
    class WithoutPepper {

        private final SecretHasher hasher = SecretHasher.sha256();

        @Test
        void storesSha256AsUnpaddedBase64UrlBehindItsAlgorithmName() {
            assertThat(hasher.hash(secret)).matches("sha256:[A-Za-z0-9_-]{43}");
        }

        @Test
        void hashesTheKnownSha256TestVector() {
            // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-4)
            assertThat(hasher.hash("abc")).isEqualTo("sha256:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
        }

        @Test
        void hashesTheSameSecretTheSameWay() {
            assertThat(hasher.hash(secret)).isEqualTo(hasher.hash(secret.value()));
        }

        @Test
        void neverStoresTheSecretItself() {
            assertThat(hasher.hash(secret)).doesNotContain(secret.value()).doesNotContain(secret.value().substring(4, 20));
        }

        @Test
        void theRightSecretMatches() {
            assertThat(hasher.matches(secret.value(), hasher.hash(secret))).isTrue();
        }

        @Test
        void anotherSecretDoesNotMatch() {
            assertThat(hasher.matches(otherSecret.value(), hasher.hash(secret))).isFalse();
        }

        @Test
        void aSecretWithOneCharacterChangedDoesNotMatch() {
            String value = secret.value();
            String changed = value.substring(0, 52) + (value.charAt(52) == 'a' ? 'b' : 'a');

            assertThat(hasher.matches(changed, hasher.hash(secret))).isFalse();
        }

        @Test
        void aPepperedHashCannotBeCheckedAndDoesNotMatch() {
            String peppered = SecretHasher.withPepper(PEPPER).hash(secret);

            assertThat(hasher.matches(secret.value(), peppered)).isFalse();
        }

        @Test
        void wantsNoRehashOfItsOwnHashes() {
            assertThat(hasher.needsRehash(hasher.hash(secret))).isFalse();
        }

        @Test
        void saysWhichAlgorithmItUsesButNothingElse() {
            assertThat(hasher).hasToString("SecretHasher[sha256]");
        }
    }

    @Nested
    class WithPepper {

        private final SecretHasher hasher = SecretHasher.withPepper(PEPPER);

        @Test
        void storesHmacSha256BehindItsAlgorithmName() {
            assertThat(hasher.hash(secret)).matches("hmac-sha256:[A-Za-z0-9_-]{43}");
        }

        @Test
        void hashesTheRfc4231TestVector() {
            // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"; the key is padded to
            // 32 bytes with zeros, which HMAC does itself for keys shorter than the block size.
            byte[] jefe = Arrays.copyOf("Jefe".getBytes(StandardCharsets.US_ASCII), 32);

            assertThat(SecretHasher.withPepper(jefe).hash("what do ya want for nothing?"))
                    .isEqualTo("hmac-sha256:W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM");
        }

        @Test
        void differsFromThePlainHashAndFromAnotherPepper() {
            byte[] otherPepper = PEPPER.clone();
            otherPepper[0] ^= 1;

            assertThat(hasher.hash(secret))
                    .isNotEqualTo(SecretHasher.withPepper(otherPepper).hash(secret))
                    .doesNotEndWith(SecretHasher.sha256().hash(secret).substring("sha256:".length()));
        }

        @Test
        void theRightSecretMatches() {
            assertThat(hasher.matches(secret.value(), hasher.hash(secret))).isTrue();
        }

        @Test
        void anotherSecretDoesNotMatch() {
            assertThat(hasher.matches(otherSecret.value(), hasher.hash(secret))).isFalse();
        }

        @Test
        void aHashMadeWithAnotherPepperDoesNotMatch() {
            byte[] otherPepper = PEPPER.clone();
            otherPepper[5] ^= 1;

            assertThat(hasher.matches(secret.value(), SecretHasher.withPepper(otherPepper).hash(secret))).isFalse();
        }

        @Test
        void stillAcceptsPlainHashesStoredBeforeThePepperWasIntroduced() {
            String old = SecretHasher.sha256().hash(secret);

            assertThat(hasher.matches(secret.value(), old)).isTrue();
            assertThat(hasher.matches(otherSecret.value(), old)).isFalse();
        }

        @Test
        void wantsPlainHashesReplacedButNotItsOwn() {
            assertThat(hasher.needsRehash(SecretHasher.sha256().hash(secret))).isTrue();
            assertThat(hasher.needsRehash(hasher.hash(secret))).isFalse();
        }

        @Test
        void keepsItsOwnCopyOfThePepper() {
            byte[] pepper = PEPPER.clone();
            SecretHasher copy = SecretHasher.withPepper(pepper);
            String before = copy.hash(secret);
            Arrays.fill(pepper, (byte) 0);

            assertThat(copy.hash(secret)).isEqualTo(before);
        }

        @Test
        void neverShowsThePepper() {
            assertThat(hasher).hasToString("SecretHasher[hmac-sha256]");
        }
    }

    @Nested
    class APepper {

        @Test
        void shorterThan32BytesIsRefused() {
            assertThatIllegalArgumentException().isThrownBy(() -> SecretHasher.withPepper(new byte[31]))
                    .withMessage("pepper must be at least 32 bytes");
        }

        @Test
        void ofExactly32BytesIsAccepted() {
            assertThat(SecretHasher.withPepper(new byte[32])).isNotNull();
        }

        @Test
        void mustBeGiven() {
            assertThatNullPointerException().isThrownBy(() -> SecretHasher.withPepper(null));
        }
    }

    @Nested
    class OddInput {

        private final SecretHasher hasher = SecretHasher.withPepper(PEPPER);
        private final String stored = hasher.hash("ptk_whatever");

        @Test
        void aMissingPresentedSecretDoesNotMatch() {
            assertThat(hasher.matches(null, stored)).isFalse();
        }

        @Test
        void aMissingStoredHashDoesNotMatch() {
            assertThat(hasher.matches("ptk_whatever", null)).isFalse();
        }

        @Test
        void anEmptyPresentedSecretDoesNotMatch() {
            assertThat(hasher.matches("", stored)).isFalse();
        }

        @Test
        void aStoredHashWithAnUnknownAlgorithmDoesNotMatch() {
            String md5 = "md5:" + stored.substring("hmac-sha256:".length());

            assertThat(hasher.matches("ptk_whatever", md5)).isFalse();
            assertThat(hasher.needsRehash(md5)).isTrue();
        }

        @Test
        void aStoredPlainTextSecretDoesNotMatchItself() {
            assertThat(hasher.matches("ptk_whatever", "ptk_whatever")).isFalse();
        }

        @Test
        void aStoredHashThatIsNotBase64UrlDoesNotMatch() {
            assertThat(hasher.matches("ptk_whatever", "hmac-sha256:not base64!")).isFalse();
        }

        @Test
        void aStoredHashOfTheWrongLengthDoesNotMatch() {
            assertThat(hasher.matches("ptk_whatever", stored.substring(0, stored.length() - 1))).isFalse();
            assertThat(hasher.matches("ptk_whatever", stored + "AA")).isFalse();
        }

        @Test
        void aStoredHashWithPaddingDoesNotMatch() {
            assertThat(hasher.matches("ptk_whatever", stored + "=")).isFalse();
        }

        @Test
        void aStoredHashWithNothingAfterThePrefixDoesNotMatch() {
            assertThat(hasher.matches("ptk_whatever", "sha256:")).isFalse();
        }

        @Test
        void hashingNothingIsAProgrammingError() {
            assertThatNullPointerException().isThrownBy(() -> hasher.hash((String) null));
            assertThatNullPointerException().isThrownBy(() -> hasher.hash((PartnerSecret) null));
            assertThatNullPointerException().isThrownBy(() -> hasher.needsRehash(null));
        }

        @Test
        void anySecretTextCanBeHashedEvenIfItIsNotAPartnerSecret() {
            assertThat(hasher.matches("legacy-secret-ü", hasher.hash("legacy-secret-ü"))).isTrue();
        }
    }
}
