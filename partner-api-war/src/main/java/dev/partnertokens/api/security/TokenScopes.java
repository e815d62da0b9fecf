package dev.partnertokens.api.security;

import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The space-separated {@code scope} claim of a token, as a list. */
public final class TokenScopes {

    private TokenScopes() {
    }

    public static List<String> of(JsonWebToken token) {
        Object scope = token.getClaim("scope");
        String text = scope == null ? "" : scope.toString().replace("\"", "").trim();
        return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
    }
}
