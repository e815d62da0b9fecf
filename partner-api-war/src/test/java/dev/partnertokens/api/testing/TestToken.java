package dev.partnertokens.api.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** A verified token as the revocation rules see it, built claim by claim: {@code TestToken.ofKey("pk-1").issuedAt(100)}. */
public final class TestToken implements JsonWebToken {

    private final Map<String, Object> claims = new HashMap<>();

    private TestToken() {
    }

    /** A token of a partner key: {@code azp} is its client id; issued at 1000, expires at 4600, scope VIEW. */
    public static TestToken ofKey(String clientId) {
        TestToken token = new TestToken();
        token.claims.put("azp", clientId);
        token.claims.put("iat", 1000L);
        token.claims.put("exp", 4600L);
        token.claims.put("scope", "VIEW");
        token.claims.put("jti", "jti-of-" + clientId);
        return token;
    }

    public TestToken issuedAt(long epochSeconds) {
        claims.put("iat", epochSeconds);
        return this;
    }

    public TestToken expiresAt(long epochSeconds) {
        claims.put("exp", epochSeconds);
        return this;
    }

    public TestToken scope(String spaceSeparated) {
        claims.put("scope", spaceSeparated);
        return this;
    }

    public TestToken partner(String organizationId) {
        claims.put("partner_id", organizationId);
        return this;
    }

    public TestToken id(String jti) {
        claims.put("jti", jti);
        return this;
    }

    @Override
    public String getName() {
        return (String) claims.get("azp");
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }
}
