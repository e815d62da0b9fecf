package dev.partnertokens.api.revocation;

import java.util.Set;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import dev.partnertokens.api.security.TokenScopes;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What the revocation rules read of a verified token: its key ({@code azp}), partner ({@code partner_id}), id
 * ({@code jti}), issue and expiry times (epoch seconds) and scopes. A token without {@code iat} counts as issued
 * at the beginning of time, so that every entry of its subject concerns it.
 */
record TokenFacts(String keyClientId, String partnerId, String tokenId, long issuedAt, long expiresAt, Set<String> scopes) {

    static TokenFacts of(JsonWebToken token) {
        return new TokenFacts(text(token.getClaim("azp")), text(token.getClaim("partner_id")), text(token.getClaim("jti")),
                seconds(token.getClaim("iat"), 0), seconds(token.getClaim("exp"), Long.MAX_VALUE), Set.copyOf(TokenScopes.of(token)));
    }

    private static String text(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String text && !text.isEmpty() ? text : null;
    }

    private static long seconds(Object claim, long otherwise) {
        if (claim instanceof JsonNumber json) {
            return json.longValue();
        }
        return claim instanceof Number number ? number.longValue() : otherwise;
    }
}
