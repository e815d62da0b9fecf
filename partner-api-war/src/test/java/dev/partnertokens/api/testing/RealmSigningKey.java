package dev.partnertokens.api.testing;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import dev.partnertokens.testing.KeycloakServer;

/**
 * An RSA key the test holds the private half of. {@link #registerIn} makes it a key of the realm (low priority,
 * so Keycloak keeps signing its own tokens with its own key) so that the test can sign tokens that differ from a
 * real one in exactly one respect, and see which checks the partner API really makes.
 */
public final class RealmSigningKey {

    private final KeyPair pair;
    private String kid = "not-registered";

    public RealmSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public RealmSigningKey registerIn(KeycloakServer keycloak, String realm, String name) throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----";
        HttpClient http = HttpClient.newHttpClient();
        String admin = keycloak.adminAccessToken();
        JsonObject realmRep = Json.createReader(new StringReader(http.send(HttpRequest.newBuilder(
                URI.create(keycloak.baseUri() + "/admin/realms/" + realm)).header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString()).body())).readObject();
        String component = Json.createObjectBuilder()
                .add("name", name)
                .add("providerId", "rsa")
                .add("providerType", "org.keycloak.keys.KeyProvider")
                .add("parentId", realmRep.getString("id"))
                .add("config", Json.createObjectBuilder()
                        .add("priority", Json.createArrayBuilder().add("-100"))
                        .add("enabled", Json.createArrayBuilder().add("true"))
                        .add("active", Json.createArrayBuilder().add("true"))
                        .add("algorithm", Json.createArrayBuilder().add("RS256"))
                        .add("privateKey", Json.createArrayBuilder().add(pem)))
                .build().toString();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(keycloak.baseUri() + "/admin/realms/" + realm + "/components"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(component)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the key: " + created.statusCode() + " " + created.body());
        }
        String componentId = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        JsonObject keys = Json.createReader(new StringReader(http.send(HttpRequest.newBuilder(
                URI.create(keycloak.baseUri() + "/admin/realms/" + realm + "/keys")).header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString()).body())).readObject();
        for (JsonValue key : keys.getJsonArray("keys")) {
            if (componentId.equals(key.asJsonObject().getString("providerId", ""))) {
                kid = key.asJsonObject().getString("kid");
            }
        }
        return this;
    }

    public String kid() {
        return kid;
    }

    public byte[] publicKeyBytes() {
        return pair.getPublic().getEncoded();
    }

    /** A compact JWS over {@code header} and {@code claims}, signed RS256 with this key. */
    public String sign(JsonObject header, JsonObject claims) {
        String signingInput = part(header.toString()) + "." + part(claims.toString());
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(pair.getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
