package dev.partnertokens.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;

import com.sun.net.httpserver.HttpServer;
import dev.partnertokens.api.testing.Eventually;
import dev.partnertokens.api.testing.RealmSigningKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The realm's keys against a JWKS endpoint whose keys the test changes: what is trusted, and how often it is read. */
class RealmKeysTest {

    private final RealmSigningKey current = new RealmSigningKey();
    private final RealmSigningKey next = new RealmSigningKey();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile String jwks;
    private HttpServer keycloak;

    @BeforeEach
    void jwksEndpoint() throws Exception {
        jwks = set(jwk(current, "current"));
        keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keycloak.createContext("/certs", exchange -> {
            reads.incrementAndGet();
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // the test only counts
            }
        });
        keycloak.start();
    }

    @AfterEach
    void stop() {
        keycloak.stop(0);
    }

    @Test
    void aFloodOfUnknownKidsReadsTheJwksAtMostOncePerMinimumRefreshTime() {
        RealmKeys keys = keys(300, 60);
        assertThat(keys.keyFor(signedBy(current, "current"))).isPresent();
        int before = reads.get();
        for (int i = 0; i < 50; i++) {
            assertThat(keys.keyFor(signedBy(current, "forged-" + i))).isEmpty();
        }
        assertThat(reads.get() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void aKeyAddedToTheRealmIsFoundAtTheFirstTokenThatNamesIt() {
        RealmKeys keys = keys(300, 0);
        assertThat(keys.keyFor(signedBy(current, "current"))).isPresent();
        jwks = set(jwk(current, "current") + "," + jwk(next, "next"));
        assertThat(keys.keyFor(signedBy(next, "next"))).isPresent();
        assertThat(keys.publishes("current")).isTrue();
    }

    @Test
    void aKeyRemovedFromTheRealmStopsBeingTrustedAfterTheRefreshTime() throws Exception {
        RealmKeys keys = keys(1, 1);
        assertThat(keys.keyFor(signedBy(current, "current"))).isPresent();
        jwks = set(jwk(next, "next"));
        Eventually.within(Duration.ofSeconds(10), "the removed key is no longer published", () -> !keys.publishes("current"));
        assertThat(keys.keyFor(signedBy(current, "current"))).isEmpty();
        assertThat(keys.keyFor(signedBy(next, "next"))).isPresent();
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderAKnownKidGetsTheRealmsKeyNotItsOwn() throws Exception {
        RealmKeys keys = keys(300, 10);
        RealmSigningKey stranger = new RealmSigningKey();
        assertThat(keys.keyFor(signedBy(stranger, "current"))).hasValueSatisfying(
                key -> assertThat(key.getEncoded()).isEqualTo(current.publicKeyBytes()));
    }

    private RealmKeys keys(long refreshSeconds, long minRefreshSeconds) {
        RealmKeys keys = new RealmKeys();
        keys.jwksLocation = "http://127.0.0.1:" + keycloak.getAddress().getPort() + "/certs";
        keys.refreshSeconds = refreshSeconds;
        keys.minRefreshSeconds = minRefreshSeconds;
        keys.timeoutSeconds = 2;
        keys.init();
        return keys;
    }

    private static JsonWebSignature signedBy(RealmSigningKey key, String kid) {
        String token = key.sign(Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").add("kid", kid).build(),
                Json.createObjectBuilder().add("sub", "someone").build());
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            return jws;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwk(RealmSigningKey key, String kid) {
        try {
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(key.publicKeyBytes())));
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            return jwk.toJson();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String set(String keys) {
        return "{\"keys\":[" + keys + "]}";
    }
}
