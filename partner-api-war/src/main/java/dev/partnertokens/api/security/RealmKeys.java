package dev.partnertokens.api.security;

import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The realm's token-signing keys (RS256) from its JWKS, by {@code kid}. Fetched once, then again only when a
 * token names a {@code kid} that is not known (Keycloak rotated its keys), at most once per
 * {@code partner-api.jwks.min-refresh-seconds}, so a flood of forged kids cannot hammer Keycloak. Never fetched
 * per request, and never from a URL a token names.
 */
@ApplicationScoped
public class RealmKeys {

    private static final Logger LOG = Logger.getLogger(RealmKeys.class);

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String jwksLocation;

    @Inject
    @ConfigProperty(name = "partner-api.jwks.min-refresh-seconds", defaultValue = "10")
    long minRefreshSeconds;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.timeout-seconds", defaultValue = "5")
    long timeoutSeconds;

    private HttpClient http;
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant lastFetch = Instant.EPOCH;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
    }

    /** The signing key with this id, fetching the JWKS again if it is unknown and the last fetch is old enough. */
    public Optional<PublicKey> key(String kid) {
        PublicKey known = keys.get(kid);
        if (known != null) {
            return Optional.of(known);
        }
        refreshIfAllowed();
        return Optional.ofNullable(keys.get(kid));
    }

    private synchronized void refreshIfAllowed() {
        Instant now = Instant.now();
        if (lastFetch.plusSeconds(minRefreshSeconds).isAfter(now)) {
            return;
        }
        lastFetch = now;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(jwksLocation))
                    .timeout(Duration.ofSeconds(timeoutSeconds)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warnf("The realm's JWKS at %s answered %d", jwksLocation, response.statusCode());
                return;
            }
            keys = Map.copyOf(parse(response.body()));
            LOG.infof("Loaded %d signing key(s) from %s", keys.size(), jwksLocation);
        } catch (Exception e) {
            LOG.warnf("Could not fetch the realm's JWKS from %s: %s", jwksLocation, e.getClass().getSimpleName());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<String, PublicKey> parse(String jwks) throws GeneralSecurityException {
        Map<String, PublicKey> parsed = new HashMap<>();
        JsonObject set = Json.createReader(new StringReader(jwks)).readObject();
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        for (JsonValue value : set.getJsonArray("keys")) {
            JsonObject jwk = value.asJsonObject();
            boolean signing = !jwk.containsKey("use") || "sig".equals(jwk.getString("use", ""));
            boolean rs256 = !jwk.containsKey("alg") || "RS256".equals(jwk.getString("alg", ""));
            if ("RSA".equals(jwk.getString("kty", "")) && signing && rs256 && jwk.containsKey("kid")) {
                BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n")));
                BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")));
                parsed.put(jwk.getString("kid"), rsa.generatePublic(new RSAPublicKeySpec(modulus, exponent)));
            }
        }
        return parsed;
    }
}
