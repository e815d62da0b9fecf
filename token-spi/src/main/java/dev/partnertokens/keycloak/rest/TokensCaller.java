package dev.partnertokens.keycloak.rest;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.keycloak.domain.Permission;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.util.BasicAuthHelper;

/**
 * Who is calling the tokens API, for which partner, holding which permissions: either a partner key (HTTP Basic
 * {@code clientId:clientSecret}) or an administrator's Keycloak bearer token with the realm role
 * {@value #ADMIN_ROLE}, acting for the partner named in the {@value #PARTNER_HEADER} header (the Organization's
 * alias or id).
 */
record TokensCaller(String partnerId, Set<Permission> permissions, String name) {

    static final String ADMIN_ROLE = "manage-partner-keys";
    static final String PARTNER_HEADER = "X-Partner";

    /** The caller, or the 400/401/403 answer for a request that cannot be one. */
    static Result authenticate(KeycloakSession session, RealmModel realm, HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return ofKey(session, realm, authorization);
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ofAdministrator(session, realm, headers);
        }
        return Result.refused(ApiErrors.unauthorized(realm.getName(),
                "Authenticate with HTTP Basic clientId:clientSecret of a partner key"));
    }

    private static Result ofKey(KeycloakSession session, RealmModel realm, String authorization) {
        String[] idAndSecret;
        try {
            idAndSecret = BasicAuthHelper.RFC6749.parseHeader(authorization);
        } catch (IllegalArgumentException malformed) {
            idAndSecret = null;
        }
        Optional<PartnerKeyEntity> key = idAndSecret == null || idAndSecret[0].isEmpty() || idAndSecret[1].isEmpty()
                ? Optional.empty()
                : new PartnerKeys(session, realm).authenticate(idAndSecret[0], idAndSecret[1]);
        return key.map(k -> Result.of(new TokensCaller(k.getPartnerId(), PartnerKeys.permissionsOf(k), "key:" + k.getClientId())))
                .orElseGet(() -> Result.refused(ApiErrors.unauthorized(realm.getName(), "Invalid client credentials")));
    }

    private static Result ofAdministrator(KeycloakSession session, RealmModel realm, HttpHeaders headers) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm)
                .setConnection(session.getContext().getConnection())
                .setHeaders(headers)
                .setUriInfo(session.getContext().getUri())
                .authenticate();
        if (auth == null) {
            return Result.refused(ApiErrors.unauthorized(realm.getName(), "The bearer token is invalid or expired"));
        }
        RoleModel role = realm.getRole(ADMIN_ROLE);
        if (role == null || !auth.user().hasRole(role)) {
            return Result.refused(ApiErrors.forbidden("Only holders of the role " + ADMIN_ROLE + " may use a bearer token here"));
        }
        String partner = headers.getHeaderString(PARTNER_HEADER);
        if (partner == null || partner.isBlank()) {
            return Result.refused(ApiErrors.invalidInput(PARTNER_HEADER, "Name the partner to act for in the " + PARTNER_HEADER + " header"));
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organization = organizations.getByAlias(partner.trim());
        if (organization == null) {
            organization = organizations.getById(partner.trim());
        }
        if (organization == null) {
            return Result.refused(ApiErrors.invalidInput(PARTNER_HEADER, "There is no partner " + partner.trim()));
        }
        return Result.of(new TokensCaller(organization.getId(), EnumSet.allOf(Permission.class), auth.user().getUsername()));
    }

    record Result(TokensCaller caller, Response refusal) {

        static Result of(TokensCaller caller) {
            return new Result(caller, null);
        }

        static Result refused(Response refusal) {
            return new Result(null, refusal);
        }
    }
}
