package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The scanner rules of docs/secret-format.md find real secrets, and only whole ones. */
class SecretFormatDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "secret-format.md");

    private static Pattern rule(String start) throws Exception {
        String document = Files.readString(DOCUMENT);
        Matcher quoted = Pattern.compile(Pattern.quote(start) + "(.+?)'").matcher(document);
        assertThat(quoted.find()).as("a rule starting with %s in %s", start, DOCUMENT).isTrue();
        return Pattern.compile(quoted.group(1));
    }

    @Test
    void theGitleaksAndTrufflehogExpressionsFindAGeneratedSecretInText() throws Exception {
        String secret = PartnerSecret.generate(new SecureRandom()).value();
        for (Pattern rule : new Pattern[] {rule("regex = '''"), rule("secret: '")}) {
            Matcher match = rule.matcher("API_SECRET=" + secret + "\n");
            assertThat(match.find()).as(rule.pattern()).isTrue();
            assertThat(match.group()).isEqualTo(secret);
            assertThat(rule.matcher("x" + secret).find()).as("not inside a longer word").isFalse();
            assertThat(rule.matcher(secret + "a").find()).as("not the start of a longer word").isFalse();
            assertThat(rule.pattern()).isEqualTo("\\bptk_[0-9A-Za-z]{43}[0-4][0-9A-Za-z]{5}\\b");
        }
    }
}
