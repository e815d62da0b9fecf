package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The realm's public signing keys as any resource server gets them, from the JWKS at
 * {@code /protocol/openid-connect/certs}, and an RS256 check of a JWT with nothing but {@code java.security}.
 */
final class RealmKeys {

    private final JsonNode jwks;

    private RealmKeys(JsonNode jwks) {
        this.jwks = jwks;
    }

    static RealmKeys fetch(URI certs) {
        HttpResponse<String> response = Http.send(Http.request(certs));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new RealmKeys(Http.json(response));
    }

    /** Whether {@code jwt} is RS256-signed by the realm key its header names. */
    boolean verifies(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        JsonNode header = Http.jwtHeader(jwt);
        if (!"RS256".equals(header.path("alg").asText())) {
            return false;
        }
        PublicKey key = rsaKey(header.path("kid").asText());
        if (key == null) {
            return false;
        }
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private PublicKey rsaKey(String kid) {
        for (JsonNode key : jwks.path("keys")) {
            if (kid.equals(key.path("kid").asText()) && "RSA".equals(key.path("kty").asText())) {
                BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText()));
                BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()));
                try {
                    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
