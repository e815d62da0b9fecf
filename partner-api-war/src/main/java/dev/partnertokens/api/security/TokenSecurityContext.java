package dev.partnertokens.api.security;

import java.security.Principal;

import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The security context of a request that carried a valid access token. */
final class TokenSecurityContext implements SecurityContext {

    private final JsonWebToken token;
    private final boolean secure;

    TokenSecurityContext(JsonWebToken token, boolean secure) {
        this.token = token;
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return token;
    }

    @Override
    public boolean isUserInRole(String role) {
        return token.getGroups().contains(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
