package dev.partnertokens.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import com.sun.net.httpserver.HttpServer;
import dev.partnertokens.api.testing.KeycloakTokens;
import dev.partnertokens.api.testing.PartnerApiDeployment;
import dev.partnertokens.api.testing.RealmSigningKey;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tokens crafted to get past the partner API. A key of the realm whose private half the test holds signs tokens
 * that differ from a good one in one respect only, so each refusal proves one check; a good token signed the same
 * way is accepted, so the refusals are not an accident.
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
class TokenAttacksIT {

    private static RealmSigningKey realmKey;

    @ArquillianResource
    URL baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private KeycloakServer keycloak;
    private String issuer;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    @BeforeEach
    void setUp(KeycloakServer keycloak) throws Exception {
        // Arquillian's parameter resolver claims @BeforeAll parameters, so the realm key is registered here, once.
        if (realmKey == null) {
            realmKey = new RealmSigningKey().registerIn(keycloak, "partners", "attack-test-key");
        }
        this.keycloak = keycloak;
        this.issuer = keycloak.realmUri("partners").toString();
        assertThat(awaitStatus(sign(goodClaims()), 200)).as("a good token signed by the test's realm key").isEqualTo(200);
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRefused() throws Exception {
        String header = RealmSigningKey.part("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + realmKey.kid() + "\"}");
        assertRefused(header + "." + RealmSigningKey.part(goodClaims().build().toString()) + ".");
    }

    @Test
    void aTokenSignedWithHs256AndTheRealmsPublicKeyAsSecretIsRefused() throws Exception {
        String signingInput = RealmSigningKey.part("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + realmKey.kid() + "\"}")
                + "." + RealmSigningKey.part(goodClaims().build().toString());
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(realmKey.publicKeyBytes(), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        assertRefused(signingInput + "." + signature);
    }

    @Test
    void aRealTokenWithATamperedPayloadIsRefused() throws Exception {
        String real = new KeycloakTokens(keycloak).clientCredentials("partners", "demo-cc", "demo-cc-secret");
        String[] parts = real.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"azp\":\"demo-cc\"", "\"azp\":\"someone-else\"");
        assertRefused(parts[0] + "." + RealmSigningKey.part(payload) + "." + parts[2]);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        long past = Instant.now().minusSeconds(120).getEpochSecond();
        assertRefused(sign(goodClaims().add("iat", past - 300).add("exp", past)));
    }

    @Test
    void aTokenNotValidYetIsRefused() throws Exception {
        assertRefused(sign(goodClaims().add("nbf", Instant.now().plusSeconds(600).getEpochSecond())));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() throws Exception {
        assertRefused(sign(goodClaims().add("iss", keycloak.realmUri("other").toString())));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        assertRefused(sign(goodClaims().add("aud", "some-other-api")));
    }

    @Test
    void aTokenKeycloakIssuedInAnotherRealmIsRefused() throws Exception {
        assertRefused(new KeycloakTokens(keycloak).clientCredentials("other", "other-cc", "other-cc-secret"));
    }

    @Test
    void anIdTokenPresentedAsAnAccessTokenIsRefused() throws Exception {
        JsonObject tokens = new KeycloakTokens(keycloak).passwordGrant("developer@acme.example", "developer", "openid");
        assertThat(getMe("Bearer " + tokens.getString("access_token")).statusCode()).as("the access token itself").isEqualTo(200);
        assertRefused(tokens.getString("id_token"));
    }

    @Test
    void aRefreshTokenPresentedAsAnAccessTokenIsRefused() throws Exception {
        JsonObject tokens = new KeycloakTokens(keycloak).passwordGrant("developer@acme.example", "developer", "openid");
        assertRefused(tokens.getString("refresh_token"));
    }

    @Test
    void aTokenWhoseTypeIsNotBearerIsRefusedEvenWhenEverythingElseFits() throws Exception {
        assertRefused(sign(goodClaims().add("typ", "ID")));
    }

    @Test
    void aTokenSignedByAKeyOutsideTheJwksIsRefused() throws Exception {
        RealmSigningKey stranger = new RealmSigningKey();
        assertRefused(stranger.sign(header(realmKey.kid()).build(), goodClaims().build()));
        assertRefused(stranger.sign(header("a-kid-nobody-knows").build(), goodClaims().build()));
    }

    @Test
    void keysNamedByTheTokenItselfAreNeverFetched() throws Exception {
        RealmSigningKey attacker = new RealmSigningKey();
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] body = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // the test only counts
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
            assertRefused(attacker.sign(header("attacker").add("jku", url).build(), goodClaims().build()));
            assertRefused(attacker.sign(header("attacker").add("x5u", url).build(), goodClaims().build()));
            assertRefused(realmKey.sign(header(realmKey.kid()).add("jku", url).build(), goodClaims().build()));
            assertThat(fetched.get()).as("requests to the URL the token named").isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anOversizedTokenIsRefused() throws Exception {
        assertRefused(sign(goodClaims().add("padding", "x".repeat(TokenVerifier.MAX_LENGTH))));
    }

    @Test
    void aTokenSignedWithANewlyAddedRealmKeyIsAcceptedWithoutRestartingWildFly() throws Exception {
        RealmSigningKey rotated = new RealmSigningKey().registerIn(keycloak, "partners", "rotated-key");
        String token = rotated.sign(header(rotated.kid()).build(), goodClaims().build());

        assertThat(awaitStatus(token, 200)).isEqualTo(200);
    }

    private JsonObjectBuilder goodClaims() {
        long now = Instant.now().getEpochSecond();
        return Json.createObjectBuilder()
                .add("iss", issuer)
                .add("sub", "forged-subject")
                .add("aud", "partner-api")
                .add("azp", "pk-forged")
                .add("typ", "Bearer")
                .add("iat", now)
                .add("exp", now + 300)
                .add("scope", "VIEW TRANSACT MANAGE");
    }

    private static JsonObjectBuilder header(String kid) {
        return Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").add("kid", kid);
    }

    private String sign(JsonObjectBuilder claims) {
        return realmKey.sign(header(realmKey.kid()).build(), claims.build());
    }

    private void assertRefused(String token) throws Exception {
        HttpResponse<String> response = getMe("Bearer " + token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
        assertThat(response.body()).doesNotContain("Exception");
    }

    /** The JWKS is re-read at most every 10 s, so a key added a moment ago may need a short wait. */
    private int awaitStatus(String token, int wanted) throws Exception {
        int status = 0;
        for (int attempt = 0; attempt < 30 && status != wanted; attempt++) {
            status = getMe("Bearer " + token).statusCode();
            if (status != wanted) {
                Thread.sleep(1000);
            }
        }
        return status;
    }

    private HttpResponse<String> getMe(String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "api/v1/me")).header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
