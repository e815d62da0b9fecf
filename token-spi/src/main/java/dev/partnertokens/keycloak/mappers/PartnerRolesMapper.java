package dev.partnertokens.keycloak.mappers;

import java.util.List;

import dev.partnertokens.keycloak.partners.PartnerRoles;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;

/**
 * Puts a person's dashboard role per partner into their access token, as claim {@value #CLAIM}:
 * {@code {"acme": "OWNER", "globex": "DEVELOPER"}}, decided by {@link PartnerRoles} exactly as the tokens API decides
 * it. The partner API reads it to show and guard its pages; the tokens API never trusts it and looks again.
 */
public final class PartnerRolesMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper {

    public static final String PROVIDER_ID = "partner-dashboard-roles";
    public static final String CLAIM = "partner_roles";

    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mapping, KeycloakSession session,
                                            UserSessionModel userSession, ClientSessionContext context) {
        java.util.Map<String, String> roles = new java.util.LinkedHashMap<>();
        PartnerRoles.strongestByPartner(userSession.getUser()).forEach((alias, role) -> roles.put(alias, role.name()));
        token.getOtherClaims().put(CLAIM, roles);
        return token;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Partner dashboard roles";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Claim partner_roles: the person's dashboard role in each partner, from the groups /partners/<alias>/<role>.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
