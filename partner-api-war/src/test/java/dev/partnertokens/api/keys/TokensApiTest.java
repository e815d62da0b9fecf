package dev.partnertokens.api.keys;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.partnertokens.api.security.DashboardRole;
import dev.partnertokens.api.security.DashboardUser;
import dev.partnertokens.api.security.KeycloakTokenEndpoint;
import dev.partnertokens.api.security.KeycloakUnavailableException;
import org.junit.jupiter.api.Test;

/** When Keycloak is down the dashboard gets a prompt 503 (KeycloakUnavailableException), never a hang. */
class TokensApiTest {

    @Test
    void aKeycloakThatIsNotListeningIsUnavailableAtOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TokensApi api = tokensApi("http://127.0.0.1:" + closedPort + "/realms/partners", 2);
        Instant begin = Instant.now();
        assertThatThrownBy(() -> api.send(new DashboardUser("owner@acme.example", "acme", DashboardRole.OWNER), TokensApiTest::viewAKey))
                .isInstanceOf(KeycloakUnavailableException.class);
        org.assertj.core.api.Assertions.assertThat(Duration.between(begin, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aKeycloakThatAcceptsButNeverAnswersIsUnavailableAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            TokensApi api = tokensApi("http://127.0.0.1:" + silent.getLocalPort() + "/realms/partners", 1);
            Instant begin = Instant.now();
            assertThatThrownBy(() -> api.send(new DashboardUser("owner@acme.example", "acme", DashboardRole.OWNER), TokensApiTest::viewAKey))
                    .isInstanceOf(KeycloakUnavailableException.class);
            org.assertj.core.api.Assertions.assertThat(Duration.between(begin, Instant.now())).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static Object viewAKey(TokensApiClient client, String bearer, String partner, String actingUser) {
        return client.view(bearer, partner, actingUser, "Token:1");
    }

    private static TokensApi tokensApi(String issuer, long timeoutSeconds) {
        ServiceAccountToken token = new ServiceAccountToken();
        token.keycloak = KeycloakTokenEndpoint.at(URI.create(issuer + "/protocol/openid-connect/token"), timeoutSeconds);
        token.clientId = "partner-api-war";
        token.clientSecret = "not-used";
        TokensApi api = new TokensApi();
        api.issuer = issuer;
        api.configuredTokensUrl = Optional.empty();
        api.timeoutSeconds = timeoutSeconds;
        api.serviceToken = token;
        api.init();
        return api;
    }
}
