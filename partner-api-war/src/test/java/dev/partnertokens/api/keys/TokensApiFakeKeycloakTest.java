package dev.partnertokens.api.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.partnertokens.api.audit.ReachedProvider;
import dev.partnertokens.api.security.DashboardRole;
import dev.partnertokens.api.security.DashboardUser;
import dev.partnertokens.api.security.KeycloakTokenEndpoint;
import dev.partnertokens.api.security.KeycloakUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tokens API client against a fake Keycloak: what it sends, what it caches, and how answers are mapped. */
class TokensApiFakeKeycloakTest {

    private static final DashboardUser OWNER = new DashboardUser("owner@acme.example", "acme", DashboardRole.OWNER);

    private HttpServer keycloak;
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<HttpExchange> tokensRequests = new CopyOnWriteArrayList<>();
    private volatile int tokensStatus = 200;
    private volatile String tokensBody = "{\"data\":[],\"hasMore\":false,\"totalCount\":0}";
    private TokensApi api;
    private final ReachedProvider reachedProvider = new ReachedProvider();

    @BeforeEach
    void fakeKeycloak() throws IOException {
        keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keycloak.createContext("/realms/partners/protocol/openid-connect/token", exchange -> {
            tokenRequests.incrementAndGet();
            answer(exchange, 200, "{\"access_token\":\"service-token\",\"expires_in\":300,\"token_type\":\"Bearer\"}");
        });
        keycloak.createContext("/realms/partners/tokens", exchange -> {
            tokensRequests.add(exchange);
            answer(exchange, tokensStatus, tokensBody);
        });
        keycloak.start();
        String issuer = "http://127.0.0.1:" + keycloak.getAddress().getPort() + "/realms/partners";
        ServiceAccountToken token = new ServiceAccountToken();
        token.keycloak = KeycloakTokenEndpoint.at(URI.create(issuer + "/protocol/openid-connect/token"), 2);
        token.clientId = "partner-api-war";
        token.clientSecret = "s3cret";
        api = new TokensApi();
        api.issuer = issuer;
        api.configuredTokensUrl = Optional.empty();
        api.timeoutSeconds = 2;
        api.serviceToken = token;
        api.reachedProvider = reachedProvider;
        api.init();
    }

    @AfterEach
    void stop() {
        keycloak.stop(0);
    }

    @Test
    void actsWithItsOwnCachedServiceTokenForTheUsersPartner() {
        api.send(OWNER, "GET", "", "limit=5", null);
        api.send(OWNER, "GET", "/Token:1", null, null);
        assertThat(tokenRequests).hasValue(1);
        HttpExchange first = tokensRequests.get(0);
        assertThat(first.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer service-token");
        assertThat(first.getRequestHeaders().getFirst("X-Partner")).isEqualTo("acme");
        assertThat(first.getRequestHeaders().getFirst("X-Acting-User")).isEqualTo("owner@acme.example");
        assertThat(first.getRequestURI().getRawQuery()).isEqualTo("limit=5");
    }

    @Test
    void aServerErrorOfKeycloakIsUnavailable() {
        tokensStatus = 500;
        assertThatThrownBy(() -> api.send(OWNER, "GET", "", null, null)).isInstanceOf(KeycloakUnavailableException.class);
        assertThat(reachedProvider.marked()).as("the provider may not have recorded a failure").isFalse();
    }

    @Test
    void anAnswerItPassesOnMeansTheProviderHasAuditedTheAction() {
        tokensStatus = 403;
        tokensBody = "{\"status\":403,\"code\":\"FORBIDDEN\",\"message\":\"No\"}";
        assertThat(reachedProvider.marked()).isFalse();
        api.send(OWNER, "DELETE", "/Token:1", null, null);
        assertThat(reachedProvider.marked()).isTrue();
    }

    @Test
    void aRefusalOfTheTokensApiIsPassedOnWithItsStatusAndMessage() {
        tokensStatus = 404;
        tokensBody = "{\"status\":404,\"code\":\"TOKEN_NOT_FOUND\",\"message\":\"No such token\"}";
        TokensApi.Answer answer = api.send(OWNER, "GET", "/Token:1", null, null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(TokensApiAnswers.messageOf(answer)).isEqualTo("No such token");
        assertThat(TokensApiAnswers.messageOf(new TokensApi.Answer(400, "<html>"))).isEqualTo("The request was refused.");
    }

    @Test
    void aRefusedServiceAccountIsUnavailableNotTheCallersFault() {
        tokensStatus = 401;
        assertThatThrownBy(() -> api.send(OWNER, "GET", "", null, null)).isInstanceOf(KeycloakUnavailableException.class);
        assertThat(tokenRequests).hasValue(2);
        assertThat(reachedProvider.marked()).isFalse();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
