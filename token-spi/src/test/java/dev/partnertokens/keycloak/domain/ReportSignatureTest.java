package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.partnertokens.testing.LeakReporter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReportSignatureTest {

    private static final LeakReporter GITHUB = LeakReporter.create("github-key-1");
    private static final LeakReporter OTHER = LeakReporter.create("other-key");
    private static final List<ReporterKey> TRUSTED = List.of(ReporterKey.of(GITHUB.identifier(), GITHUB.publicKeyPem()));
    private static final String BODY = LeakReporter.report("ptk_x", "https://github.com/o/r/blob/1/a.txt", "content");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class AReport {

        @Test
        void signedByATrustedKeyIsAcceptedAndNamesThatKey() {
            ReporterKey signer = ReportSignature.verify(TRUSTED, "github-key-1", GITHUB.sign(BODY), bytes(BODY));

            assertThat(signer.identifier()).isEqualTo("github-key-1");
        }

        @Test
        void withoutHeadersIsRefused() {
            assertThatThrownBy(() -> ReportSignature.verify(TRUSTED, null, null, bytes(BODY)))
                    .isInstanceOf(ReportSignature.Refused.class).hasMessageContaining("must be signed");
            assertThatThrownBy(() -> ReportSignature.verify(TRUSTED, "github-key-1", " ", bytes(BODY)))
                    .isInstanceOf(ReportSignature.Refused.class).hasMessageContaining("must be signed");
        }

        @Test
        void namingAnUnknownKeyIsRefused() {
            assertThatThrownBy(() -> ReportSignature.verify(TRUSTED, "other-key", OTHER.sign(BODY), bytes(BODY)))
                    .isInstanceOf(ReportSignature.Refused.class).hasMessageContaining("does not trust");
        }

        @Test
        void signedByAnotherKeyUnderATrustedIdentifierIsRefused() {
            assertThatThrownBy(() -> ReportSignature.verify(TRUSTED, "github-key-1", OTHER.sign(BODY), bytes(BODY)))
                    .isInstanceOf(ReportSignature.Refused.class).hasMessageContaining("does not match");
        }

        @Test
        void whoseBodyWasChangedAfterSigningIsRefused() {
            String signature = GITHUB.sign(BODY);

            assertThatThrownBy(() -> ReportSignature.verify(TRUSTED, "github-key-1", signature, bytes(BODY + " ")))
                    .isInstanceOf(ReportSignature.Refused.class).hasMessageContaining("does not match");
        }

        @Test
        void withASignatureThatIsNotBase64OrNotDerIsRefused() {
            assertThatThrownBy(() -> ReportSignature.verify(TRUSTED, "github-key-1", "%%%not base64%%%", bytes(BODY)))
                    .isInstanceOf(ReportSignature.Refused.class).hasMessageContaining("not base64");
            assertThatThrownBy(() -> ReportSignature.verify(TRUSTED, "github-key-1", "AAAA", bytes(BODY)))
                    .isInstanceOf(ReportSignature.Refused.class).hasMessageContaining("does not match");
        }

        @Test
        void isRefusedWhenTheRealmTrustsNoKey() {
            assertThatThrownBy(() -> ReportSignature.verify(List.of(), "github-key-1", GITHUB.sign(BODY), bytes(BODY)))
                    .isInstanceOf(ReportSignature.Refused.class);
        }
    }

    @Nested
    class AConfiguredKey {

        @Test
        void mustBeP256Pem() {
            assertThatThrownBy(() -> ReporterKey.of("k", "not a pem")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("PEM");
            assertThatThrownBy(() -> ReporterKey.of("k", LeakReporter.onCurveP384("k").publicKeyPem()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("P-256");
            assertThatThrownBy(() -> ReporterKey.of("k", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an ECDSA public key");
        }

        @Test
        void needsAnIdentifierOfVisibleCharacters() {
            assertThatThrownBy(() -> ReporterKey.of("", GITHUB.publicKeyPem())).isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("key_identifier");
            assertThatThrownBy(() -> ReporterKey.of("a b", GITHUB.publicKeyPem())).isInstanceOf(InvalidInputException.class);
        }
    }
}
