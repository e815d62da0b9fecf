package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class SecretFormatCheckTest {

    private static final String SECRET = PartnerSecret.generate(new SecureRandom()).value();
    private static final String DOCS_EXAMPLE = "ptk_4eC39HqLyjWDarjtT1zdp7dc0ucqUfHo6Ss2nEB6Rgx1VJsaN";

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int check(String stdin, String... args) throws Exception {
        return SecretFormatCheck.run(args, new StringReader(stdin), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWellFormedSecretPassesAndIsNotPrintedWhole() throws Exception {
        assertThat(check("", SECRET)).isZero();

        assertThat(output()).contains("well-formed  " + SECRET.substring(0, 8) + "…").doesNotContain(SECRET);
    }

    @Test
    void theExampleOfTheFormatDocumentIsWellFormed() throws Exception {
        assertThat(check("", DOCS_EXAMPLE)).isZero();
    }

    @Test
    void aSecretWithOneCharacterChangedFailsOnItsChecksum() throws Exception {
        char last = SECRET.charAt(20);
        String typo = SECRET.substring(0, 20) + (last == 'a' ? 'b' : 'a') + SECRET.substring(21);

        assertThat(check("", SECRET, typo)).isEqualTo(1);

        assertThat(output()).contains("checksum does not match");
    }

    @Test
    void readsOneCandidatePerLineWithoutArguments() throws Exception {
        assertThat(check(SECRET + "\n\nptk_short\n")).isEqualTo(1);

        assertThat(output()).contains("well-formed").contains("not a secret ptk_shor…: secret must be 53 characters long");
    }

    @Test
    void nothingToCheckIsAUsageError() throws Exception {
        assertThat(check("")).isEqualTo(2);

        assertThat(output()).startsWith("usage:");
    }
}
