package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class LeakLocationTest {

    @Test
    void showsWhereASecretWasFound() {
        LeakLocation where = LeakLocation.of("https://github.com/octo/repo/blob/abc/app.env", "content", "partner_tokens_secret");

        assertThat(where.describe()).isEqualTo("https://github.com/octo/repo/blob/abc/app.env (source content, type partner_tokens_secret)");
    }

    @Test
    void neverRepeatsASecretAReporterPutIntoTheUrl() {
        String secret = PartnerSecret.generate(new SecureRandom()).value();

        LeakLocation where = LeakLocation.of("https://example.com/?q=" + secret, "content\n" + secret, null);

        assertThat(where.describe()).doesNotContain(secret).contains("[secret]").doesNotContain("\n");
        assertThat(where.type()).isEqualTo("unknown");
    }

    @Test
    void shortensALongUrl() {
        assertThat(LeakLocation.of("https://x/" + "a".repeat(2000), "s", "t").url()).hasSize(LeakLocation.MAX_URL + 1);
    }
}
