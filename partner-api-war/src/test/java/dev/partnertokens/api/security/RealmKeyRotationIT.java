package dev.partnertokens.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import dev.partnertokens.api.testing.Eventually;
import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.PartnerApiDeployment;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keycloak rotates the partner realm's signing key through its admin REST API (a new RSA key provider with a higher
 * priority, then the old one deleted): the WAR trusts the new key at once and stops trusting the removed one within
 * its JWKS refresh time ({@code partner-api.jwks.refresh-seconds}, {@value #REFRESH_SECONDS} s in the tests, see
 * arquillian.xml), even for a token it had verified and remembered before.
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
class RealmKeyRotationIT {

    /** partner-api.jwks.refresh-seconds of the tests' WildFly (arquillian.xml). */
    static final int REFRESH_SECONDS = 20;
    /** partner-api.jwks.min-refresh-seconds (the default). */
    static final int MIN_REFRESH_SECONDS = 10;

    @ArquillianResource
    URL baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    @Test
    void aNewRealmKeyIsTrustedAtOnceAndARemovedOneStopsBeingTrustedWithinTheRefreshTime(KeycloakServer keycloak) throws Exception {
        KeycloakTokens tokens = new KeycloakTokens(keycloak);
        String before = tokens.clientCredentials("partners", "demo-cc", "demo-cc-secret");
        assertThat(statusOfMe(before)).as("a token of the realm's current key").isEqualTo(200);
        // Keycloak rotates long after the WAR last read the JWKS (it reads it again on an unknown kid at most this often).
        Thread.sleep(Duration.ofSeconds(MIN_REFRESH_SECONDS + 1).toMillis());

        String oldProvider = providerOf(keycloak, kidOf(before));
        addGeneratedRsaKey(keycloak, "rotation-test-key", 10_000);
        String after = tokens.clientCredentials("partners", "demo-cc", "demo-cc-secret");
        assertThat(kidOf(after)).as("Keycloak signs with the new key").isNotEqualTo(kidOf(before));

        assertThat(statusOfMe(after)).as("a token of the new key, at the first request").isEqualTo(200);
        assertThat(statusOfMe(before)).as("a token of the old key while the realm still publishes it").isEqualTo(200);

        delete(keycloak, "/components/" + oldProvider);

        Eventually.within(Duration.ofSeconds(REFRESH_SECONDS + 15), "the removed key's token is refused",
                () -> statusOfMe(before) == 401);
        HttpResponse<String> refused = getMe(before);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
        assertThat(refused.body()).doesNotContain("Exception");
        assertThat(statusOfMe(after)).as("the new key's token").isEqualTo(200);
    }

    private int statusOfMe(String token) {
        try {
            return getMe(token).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> getMe(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "api/v1/me")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String kidOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(header)).readObject().getString("kid");
    }

    /** The id of the key provider (component) that holds the key {@code kid}. */
    private String providerOf(KeycloakServer keycloak, String kid) throws Exception {
        HttpResponse<String> keys = admin(keycloak, HttpRequest.newBuilder(adminUri(keycloak, "/keys")).GET());
        for (JsonValue key : Json.createReader(new StringReader(keys.body())).readObject().getJsonArray("keys")) {
            if (kid.equals(key.asJsonObject().getString("kid", ""))) {
                return key.asJsonObject().getString("providerId");
            }
        }
        throw new AssertionError("the realm has no key " + kid + ": " + keys.body());
    }

    private void addGeneratedRsaKey(KeycloakServer keycloak, String name, int priority) throws Exception {
        HttpResponse<String> realm = admin(keycloak, HttpRequest.newBuilder(adminUri(keycloak, "")).GET());
        JsonObject component = Json.createObjectBuilder()
                .add("name", name)
                .add("providerId", "rsa-generated")
                .add("providerType", "org.keycloak.keys.KeyProvider")
                .add("parentId", Json.createReader(new StringReader(realm.body())).readObject().getString("id"))
                .add("config", Json.createObjectBuilder()
                        .add("priority", Json.createArrayBuilder().add(String.valueOf(priority)))
                        .add("enabled", Json.createArrayBuilder().add("true"))
                        .add("active", Json.createArrayBuilder().add("true"))
                        .add("algorithm", Json.createArrayBuilder().add("RS256"))
                        .add("keySize", Json.createArrayBuilder().add("2048")))
                .build();
        HttpResponse<String> created = admin(keycloak, HttpRequest.newBuilder(adminUri(keycloak, "/components"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(component.toString())));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private void delete(KeycloakServer keycloak, String path) throws Exception {
        HttpResponse<String> deleted = admin(keycloak, HttpRequest.newBuilder(adminUri(keycloak, path)).DELETE());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    }

    private HttpResponse<String> admin(KeycloakServer keycloak, HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + keycloak.adminAccessToken()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI adminUri(KeycloakServer keycloak, String path) {
        return URI.create(keycloak.baseUri() + "/admin/realms/partners" + path);
    }
}
