package dev.partnertokens.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageSecurityHeadersTest {

    @Test
    void theKeycloakOriginIsTheIssuersSchemeHostAndPort() {
        assertThat(DashboardSettings.originOf("http://127.0.0.1:8080/realms/partners")).isEqualTo("http://127.0.0.1:8080");
        assertThat(DashboardSettings.originOf("https://id.example.com/realms/partners")).isEqualTo("https://id.example.com");
    }

    @Test
    void anIssuerThatIsNoAbsoluteUrlIsRefused() {
        assertThatThrownBy(() -> DashboardSettings.originOf("/realms/partners")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePolicyAllowsOnlyThisOriginAndKeycloakAndNothingInline() {
        String policy = PageSecurityHeaders.contentSecurityPolicy("https://id.example.com");
        assertThat(policy).isEqualTo("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' https://id.example.com; form-action https://id.example.com 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'");
        assertThat(policy).doesNotContain("unsafe");
    }
}
