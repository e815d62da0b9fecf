package dev.partnertokens.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.PartnerApiDeployment;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WAR on a real WildFly checks tokens issued by a real Keycloak. */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
class TokenCheckIT {

    @ArquillianResource
    URL baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private KeycloakTokens tokens;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    @BeforeEach
    void tokensFrom(KeycloakServer keycloak) {
        tokens = new KeycloakTokens(keycloak);
    }

    @Test
    void aTokenThatKeycloakIssuedToAClientOfThePartnerRealmIsAccepted(KeycloakServer keycloak) throws Exception {
        String token = tokens.clientCredentials("partners", "demo-cc", "demo-cc-secret");

        HttpResponse<String> response = getMe("Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject caller = Json.createReader(new StringReader(response.body())).readObject();
        assertThat(caller.getString("clientId")).isEqualTo("demo-cc");
        assertThat(caller.getString("issuer")).isEqualTo(keycloak.realmUri("partners").toString());
    }

    @Test
    void aRequestWithoutTokenIsAskedForOne() throws Exception {
        HttpResponse<String> response = getMe(null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aGarbageTokenIsRefused() throws Exception {
        assertRefused(getMe("Bearer not-a-jwt"));
    }

    @Test
    void aTokenOfAnotherRealmIsRefused() throws Exception {
        String token = tokens.clientCredentials("other", "other-cc", "other-cc-secret");

        assertRefused(getMe("Bearer " + token));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        tokens.createServiceClient("partners", "short-lived-cc", "short-lived-secret", 1);
        String token = tokens.clientCredentials("partners", "short-lived-cc", "short-lived-secret");
        assertThat(getMe("Bearer " + token).statusCode()).as("fresh token").isEqualTo(200);

        Thread.sleep(Duration.ofSeconds(8).toMillis()); // lifespan 1 s plus the WAR's 5 s clock skew

        assertRefused(getMe("Bearer " + token));
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer").contains("error=\"invalid_token\""));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    private HttpResponse<String> getMe(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "api/v1/me"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
