package dev.partnertokens.api.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.JsonObject;

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
        api.close();
        keycloak.stop(0);
    }

    @Test
    void actsWithItsOwnCachedServiceTokenForTheUsersPartner() {
        KeyListQuery query = KeyListQuery.parse(Map.of("limit", List.of("5"), "scope", List.of("fx", "vault"), "name", List.of("ci & cd"))).query();
        api.send(OWNER, query::listedBy);
        api.send(OWNER, (client, bearer, partner, actingUser) -> client.view(bearer, partner, actingUser, "Token:1"));
        assertThat(tokenRequests).hasValue(1);
        HttpExchange first = tokensRequests.get(0);
        assertThat(first.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer service-token");
        assertThat(first.getRequestHeaders().getFirst("X-Partner")).isEqualTo("acme");
        assertThat(first.getRequestHeaders().getFirst("X-Acting-User")).isEqualTo("owner@acme.example");
        assertThat(Arrays.stream(first.getRequestURI().getRawQuery().split("&")).map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)))
                .containsExactlyInAnyOrder("limit=5", "scope=fx", "scope=vault", "name=ci & cd");
        assertThat(tokensRequests.get(1).getRequestURI().getPath()).isEqualTo("/realms/partners/tokens/Token:1");
    }

    @Test
    void aKeyIsPassedOnWithEveryFieldTheProviderWrote() {
        tokensBody = "{\"id\":\"Token:1\",\"name\":\"ci\",\"allowedNetworks\":[\"10.0.0.0/8\"],\"lastUsed\":{\"at\":1}}";
        JsonObject key = api.send(OWNER, (client, bearer, partner, actingUser) -> client.view(bearer, partner, actingUser, "Token:1"));
        assertThat(key.toString()).isEqualTo(tokensBody);
        tokensBody = "{\"data\":[" + tokensBody + "],\"hasMore\":true,\"nextCursor\":\"c2\",\"totalCount\":7,\"extra\":1}";
        KeyPage page = api.send(OWNER, KeyListQuery.parse(Map.of()).query()::listedBy);
        assertThat(page.data()).extracting(k -> k.getJsonArray("allowedNetworks").getString(0)).containsExactly("10.0.0.0/8");
        assertThat(page).extracting(KeyPage::hasMore, KeyPage::nextCursor, KeyPage::totalCount).containsExactly(true, "c2", 7L);
    }

    @Test
    void theApiScopesOfferedAreAskedForThePersonAndPassedOnAsTheProviderWroteThem() {
        tokensBody = "{\"data\":[{\"name\":\"fx\",\"description\":\"Foreign exchange\"}]}";
        JsonObject offered = api.send(OWNER, TokensApiClient::grantableApiScopes);
        assertThat(offered.toString()).isEqualTo(tokensBody);
        HttpExchange asked = tokensRequests.get(0);
        assertThat(asked.getRequestMethod()).isEqualTo("GET");
        assertThat(asked.getRequestURI().getPath()).isEqualTo("/realms/partners/tokens/api-scopes");
        assertThat(asked.getRequestHeaders().getFirst("X-Partner")).isEqualTo("acme");
        assertThat(asked.getRequestHeaders().getFirst("X-Acting-User")).isEqualTo("owner@acme.example");
    }

    @Test
    void aServerErrorOfKeycloakIsUnavailable() {
        tokensStatus = 500;
        assertThatThrownBy(() -> api.send(OWNER, this::revoke)).isInstanceOf(KeycloakUnavailableException.class);
        assertThat(reachedProvider.marked()).as("the provider may not have recorded a failure").isFalse();
    }

    @Test
    void anAnswerItPassesOnMeansTheProviderHasAuditedTheAction() {
        tokensStatus = 403;
        tokensBody = "{\"status\":403,\"code\":\"FORBIDDEN\",\"message\":\"No\"}";
        assertThat(reachedProvider.marked()).isFalse();
        assertThatThrownBy(() -> api.send(OWNER, this::revoke)).isInstanceOf(TokensApiRefusal.class);
        assertThat(reachedProvider.marked()).isTrue();
    }

    @Test
    void aRefusalOfTheTokensApiIsPassedOnWithItsStatusAndMessage() {
        tokensStatus = 404;
        tokensBody = "{\"status\":404,\"code\":\"TOKEN_NOT_FOUND\",\"message\":\"No such token\"}";
        assertThatThrownBy(() -> api.send(OWNER, this::revoke)).isInstanceOfSatisfying(TokensApiRefusal.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(404);
            assertThat(refusal.getMessage()).isEqualTo("No such token");
        });
        tokensStatus = 400;
        tokensBody = "<html>";
        assertThatThrownBy(() -> api.send(OWNER, this::revoke)).isInstanceOfSatisfying(TokensApiRefusal.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.getMessage()).isEqualTo("The request was refused.");
        });
    }

    @Test
    void aRefusedServiceAccountIsUnavailableNotTheCallersFault() {
        tokensStatus = 401;
        assertThatThrownBy(() -> api.send(OWNER, this::revoke)).isInstanceOf(KeycloakUnavailableException.class);
        assertThat(tokenRequests).hasValue(2);
        assertThat(reachedProvider.marked()).isFalse();
    }

    @Test
    void anUnknownOrRepeatedListParameterIsRefusedBeforeKeycloakIsAsked() {
        assertThat(KeyListQuery.parse(Map.of("colour", List.of("red"))).refusal()).contains("unknown query parameter 'colour'");
        assertThat(KeyListQuery.parse(Map.of("limit", List.of("1", "2"))).refusal()).isEqualTo("limit may be given once");
        assertThat(KeyListQuery.parse(Map.of("scope", List.of("fx", "vault"))).valid()).isPresent();
    }

    private String revoke(TokensApiClient client, String bearer, String partner, String actingUser) {
        client.revoke(bearer, partner, actingUser, "Token:1");
        return "Token:1";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
