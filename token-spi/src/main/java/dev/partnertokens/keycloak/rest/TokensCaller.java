package dev.partnertokens.keycloak.rest;

import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;

import dev.partnertokens.keycloak.audit.Actor;
import dev.partnertokens.keycloak.catalogue.ApiScopeCatalogue;
import dev.partnertokens.keycloak.clientauth.ClientCredentials;
import dev.partnertokens.keycloak.domain.DashboardRole;
import dev.partnertokens.keycloak.domain.KeyUse;
import dev.partnertokens.keycloak.domain.KeyAuthority;
import dev.partnertokens.keycloak.guard.Throttled;
import dev.partnertokens.keycloak.keys.LiveKey;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.partners.PartnerRoles;
import dev.partnertokens.keycloak.partners.PartnerSettings;
import dev.partnertokens.keycloak.partners.Partners;
import dev.partnertokens.keycloak.settings.TokensApiSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Who is calling the tokens API, for which partner, with what authority. Three kinds of caller:
 * <ul>
 *   <li>a partner key, by HTTP Basic {@code clientId:clientSecret};</li>
 *   <li>a platform administrator: a bearer token meant for this API (audience
 *       {@link PartnerSettings#adminAudience}, by default {@link TokensApiSettings#adminAudience}) of someone holding the realm role {@link TokensApiSettings#adminRole} ({@code manage-partner-keys} by default), acting for the
 *       partner named in {@value #PARTNER_HEADER};</li>
 *   <li>a person of that partner, when such an administrator (the partner API) names them in
 *       {@value #ACTING_USER_HEADER}: the header only says who; their membership and dashboard role are read from
 *       Keycloak's own data ({@link PartnerRoles}), and decide what they may do.</li>
 * </ul>
 *
 * @param name who the trail and a new key's {@code createdBy} name: a user name, or {@code key:<clientId>}
 */
record TokensCaller(String partnerId, String partnerAlias, KeyAuthority authority, String name, Actor actor) {

    static final String PARTNER_HEADER = "X-Partner";
    static final String ACTING_USER_HEADER = "X-Acting-User";
    private static final int MAX_ACTING_USER_LENGTH = 255;

    /**
     * The caller of this request.
     *
     * @throws ApiRefusal 401 when the caller is not known, 403 when a bearer token is not an administrator's, 400 for
     *                    malformed headers
     */
    static TokensCaller authenticate(KeycloakSession session, RealmModel realm, TokensApiSettings settings, HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (ClientCredentials.isBasic(authorization)) {
            if (headers.getHeaderString(ACTING_USER_HEADER) != null) {
                throw new ApiRefusal(ApiErrors.invalidInput(ACTING_USER_HEADER,
                        "Only an administrator's bearer token may name an acting user in " + ACTING_USER_HEADER));
            }
            return ofKey(session, realm, authorization);
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ofAdministrator(session, realm, settings, headers);
        }
        throw new ApiRefusal(ApiErrors.unauthorized(realm.getName(), "Authenticate with HTTP Basic clientId:clientSecret of a partner key"));
    }

    private static TokensCaller ofKey(KeycloakSession session, RealmModel realm, String authorization) {
        Optional<ClientCredentials> credentials = ClientCredentials.fromBasic(authorization)
                .filter(presented -> presented.secret() != null && !presented.secret().isEmpty());
        Optional<LiveKey> authenticated;
        try {
            authenticated = credentials.isEmpty() ? Optional.empty()
                    : new PartnerKeys(session, realm).authenticate(credentials.get().clientId(), credentials.get().secret(),
                    KeyUse.Way.TOKENS_API);
        } catch (Throttled throttled) {
            throw new ApiRefusal(ApiErrors.tooManyRequests(throttled)); // counted and recorded by the guard, not per request
        }
        LiveKey key = authenticated.orElseThrow(() ->
                new ApiRefusal(ApiErrors.unauthorized(realm.getName(), "Invalid client credentials")));
        OrganizationModel organization = Partners.byId(session, realm, key.partnerId());
        if (organization == null) {
            throw new ApiRefusal(ApiErrors.unauthorized(realm.getName(), "Invalid client credentials"));
        }
        KeyAuthority authority = KeyAuthority.ofKey(key.id(), PartnerKeys.permissionsOf(key),
                PartnerSettings.of(realm, organization).bounds(),
                key.expiresAt() == null ? null : Instant.ofEpochMilli(key.expiresAt()))
                .withApiScopes(java.util.Set.copyOf(PartnerKeys.apiScopesOf(key)), new ApiScopeCatalogue(realm).partnerBound(organization))
                .withAllowedNetworks(key.allowedNetworks());
        return new TokensCaller(organization.getId(), organization.getAlias(), authority, "key:" + key.clientId(),
                new Actor("KEY", key.clientId(), null));
    }

    private static TokensCaller ofAdministrator(KeycloakSession session, RealmModel realm, TokensApiSettings apiSettings,
                                                HttpHeaders headers) {
        AuthenticationManager.AuthResult auth = BearerTokens.authenticate(session, realm, headers);
        if (auth == null) {
            throw new ApiRefusal(ApiErrors.unauthorized(realm.getName(), "The bearer token is invalid or expired"));
        }
        String audience = PartnerSettings.adminAudience(realm, apiSettings.adminAudience());
        if (!auth.token().hasAudience(audience)) {
            throw new ApiRefusal(ApiErrors.forbidden("This bearer token is not meant for the tokens API: it needs the audience " + audience));
        }
        RoleModel role = realm.getRole(apiSettings.adminRole());
        if (role == null || !auth.user().hasRole(role)) {
            throw new ApiRefusal(ApiErrors.forbidden("Only holders of the role " + apiSettings.adminRole() + " may use a bearer token here"));
        }
        OrganizationModel organization = partner(session, realm, headers, auth.user().getUsername());
        PartnerSettings settings = PartnerSettings.of(realm, organization);
        String actingUser = actingUser(headers);
        if (actingUser == null) {
            String username = auth.user().getUsername();
            return new TokensCaller(organization.getId(), organization.getAlias(),
                    KeyAuthority.ofPlatformAdministrator(settings.bounds())
                            .withApiScopes(java.util.Set.of(), new ApiScopeCatalogue(realm).partnerBound(organization)), username, new Actor("PLATFORM_ADMIN", username, null));
        }
        UserModel person = session.users().getUserByUsername(realm, actingUser);
        String notAPerson = actingUser + " is not a person of partner " + organization.getAlias() + " with a dashboard role";
        DashboardRole personRole = PartnerRoles.of(person, organization).orElseThrow(() -> new ApiRefusal(
                ApiErrors.forbidden(notAPerson), new ApiRefusal.Refused(new Actor("PERSON", actingUser, null),
                organization.getId(), organization.getAlias(), notAPerson)));
        return new TokensCaller(organization.getId(), organization.getAlias(),
                KeyAuthority.ofPerson(personRole, settings.roleRights(), settings.bounds())
                        .withApiScopes(java.util.Set.of(), new ApiScopeCatalogue(realm).partnerBound(organization)), person.getUsername(),
                new Actor("PERSON", person.getUsername(), personRole.name()));
    }

    private static OrganizationModel partner(KeycloakSession session, RealmModel realm, HttpHeaders headers, String administrator) {
        String partner = headers.getHeaderString(PARTNER_HEADER);
        if (partner == null || partner.isBlank()) {
            throw new ApiRefusal(ApiErrors.invalidInput(PARTNER_HEADER, "Name the partner to act for in the " + PARTNER_HEADER + " header"));
        }
        OrganizationModel organization = Partners.byAliasOrId(session, realm, partner.trim());
        if (organization == null) {
            throw new ApiRefusal(ApiErrors.invalidInput(PARTNER_HEADER, "There is no partner " + partner.trim()));
        }
        if (!organization.isEnabled()) {
            String disabled = "Partner " + organization.getAlias() + " is disabled; its keys cannot be managed";
            throw new ApiRefusal(ApiErrors.forbidden(disabled), new ApiRefusal.Refused(
                    new Actor("PLATFORM_ADMIN", administrator, null), organization.getId(), organization.getAlias(), disabled));
        }
        return organization;
    }

    private static String actingUser(HttpHeaders headers) {
        String actingUser = headers.getHeaderString(ACTING_USER_HEADER);
        if (actingUser != null && (actingUser.isBlank() || actingUser.length() > MAX_ACTING_USER_LENGTH
                || actingUser.chars().anyMatch(Character::isISOControl))) {
            throw new ApiRefusal(ApiErrors.invalidInput(ACTING_USER_HEADER,
                    ACTING_USER_HEADER + " must be a user name of at most " + MAX_ACTING_USER_LENGTH + " printable characters"));
        }
        return actingUser == null ? null : actingUser.trim();
    }
}
