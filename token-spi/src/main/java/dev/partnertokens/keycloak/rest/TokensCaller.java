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
record TokensCaller(String partnerId, Set<Permission> permissions, String name, boolean administrator) {

    static final String ADMIN_ROLE = "manage-partner-keys";
    static final String PARTNER_HEADER = "X-Partner";
    /** Names the person an administrator (such as the partner API) acts for; it becomes a new key's createdBy. */
    static final String ACTING_USER_HEADER = "X-Acting-User";
    /** Organization attribute: the rights (VIEW, TRANSACT, MANAGE) a partner's keys may hold; absent means all. */
    static final String PARTNER_PERMISSIONS_ATTRIBUTE = "partner.permissions";
    private static final int MAX_ACTING_USER_LENGTH = 255;

    TokensCaller(String partnerId, Set<Permission> permissions, String name) {
        this(partnerId, permissions, name, false);
    }

    /**
     * Whether this caller may create, edit and delete keys: a key holding MANAGE, or an administrator (whose
     * authority comes from its role, whatever rights the partner's keys may hold).
     */
    boolean mayManage() {
        return administrator || Permission.canCreate(permissions);
    }

    /** Whether this caller may list and read keys: a key holding VIEW or MANAGE, or an administrator. */
    boolean mayRead() {
        return administrator || Permission.canRead(permissions);
    }

    /** Whether this caller may give a key {@code requested}: it may manage and holds every requested right. */
    boolean mayGrant(Set<Permission> requested) {
        return mayManage() && permissions.containsAll(requested);
    }

    /** The caller, or the 400/401/403 answer for a request that cannot be one. */
    static Result authenticate(KeycloakSession session, RealmModel realm, HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (headers.getHeaderString(ACTING_USER_HEADER) != null) {
                return Result.refused(ApiErrors.invalidInput(ACTING_USER_HEADER,
                        "Only an administrator's bearer token may name an acting user in " + ACTING_USER_HEADER));
            }
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
        String actingUser = headers.getHeaderString(ACTING_USER_HEADER);
        if (actingUser != null && (actingUser.isBlank() || actingUser.length() > MAX_ACTING_USER_LENGTH
                || actingUser.chars().anyMatch(Character::isISOControl))) {
            return Result.refused(ApiErrors.invalidInput(ACTING_USER_HEADER,
                    ACTING_USER_HEADER + " must be a user name of at most " + MAX_ACTING_USER_LENGTH + " printable characters"));
        }
        String name = actingUser == null ? auth.user().getUsername() : actingUser.trim();
        return Result.of(new TokensCaller(organization.getId(), allowedRights(organization), name, true));
    }

    /** The rights a partner's keys may hold: its {@value #PARTNER_PERMISSIONS_ATTRIBUTE} attribute, or all. */
    static Set<Permission> allowedRights(OrganizationModel organization) {
        java.util.List<String> values = organization.getAttributes() == null ? null
                : organization.getAttributes().get(PARTNER_PERMISSIONS_ATTRIBUTE);
        if (values == null || values.isEmpty()) {
            return EnumSet.allOf(Permission.class);
        }
        Set<Permission> allowed = EnumSet.noneOf(Permission.class);
        for (String value : values) {
            for (String part : value.split(",")) {
                for (Permission permission : Permission.values()) {
                    if (permission.name().equalsIgnoreCase(part.trim())) {
                        allowed.add(permission);
                    }
                }
            }
        }
        return allowed;
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
