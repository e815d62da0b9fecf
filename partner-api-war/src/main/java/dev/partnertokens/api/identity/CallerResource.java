package dev.partnertokens.api.identity;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import dev.partnertokens.api.security.TokenRequired;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** {@code GET /api/v1/me}: who the presented token speaks for, so a partner can check its integration. */
@Path("v1/me")
@TokenRequired
public class CallerResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Caller me(@Context SecurityContext security) {
        JsonWebToken token = (JsonWebToken) security.getUserPrincipal();
        String scope = token.getClaim("scope");
        List<String> scopes = scope == null || scope.isBlank() ? List.of() : Arrays.asList(scope.trim().split("\\s+"));
        return new Caller(token.getSubject(), token.getClaim("azp"), token.getIssuer(), scopes, token.getExpirationTime());
    }
}
