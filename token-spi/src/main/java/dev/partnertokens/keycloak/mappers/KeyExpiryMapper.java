package dev.partnertokens.keycloak.mappers;

import java.util.List;

import dev.partnertokens.keycloak.settings.RealmKeySettings;
import org.keycloak.OAuth2Constants;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;

/**
 * No token outlives its key: a partner key's client carries its expiry (client attribute {@value #EXPIRES_AT_ATTRIBUTE},
 * epoch seconds), and this mapper, linked to every key's client, brings a token's {@code exp} (and so the token
 * response's {@code expires_in}) down to it. Before that, a {@code client_credentials} token gets the lifetime the
 * realm sets ({@link RealmKeySettings#clientCredentialsLifespan()}), read when the token is issued. Keycloak's realm cache keeps the attribute: no query per token.
 */
public final class KeyExpiryMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper {

    public static final String PROVIDER_ID = "partner-key-expiry";
    public static final String EXPIRES_AT_ATTRIBUTE = "partner.expires-at";
    /**
     * Session attribute (epoch seconds) set when a key authenticated with the secret a rotation replaced: no token it
     * gets lives past the end of that secret's overlap.
     */
    public static final String RETIRING_SECRET_UNTIL = "partner-tokens.retiring-secret-until";

    /** The mapper to add to a key's client. */
    public static ProtocolMapperModel model() {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName("partner key expiry");
        model.setProtocolMapper(PROVIDER_ID);
        model.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        model.setConfig(new java.util.HashMap<>());
        return model;
    }

    /** The latest {@code exp} a token of {@code client} may have, or {@code null} when its key does not expire. */
    public static Long latestExpiry(ClientModel client) {
        String value = client.getAttribute(EXPIRES_AT_ATTRIBUTE);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0L; // an unreadable expiry is no licence to issue long tokens
        }
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mapping, KeycloakSession session,
                                            UserSessionModel userSession, ClientSessionContext context) {
        if (OAuth2Constants.CLIENT_CREDENTIALS.equals(context.getAttribute(Constants.GRANT_TYPE, String.class))) {
            // the realm's current setting, read when the token is issued (the refresh-token endpoint sets its own
            // lifetime afterwards)
            long issuedAt = token.getIat() == null ? Time.currentTimeSeconds() : token.getIat();
            token.exp(issuedAt + RealmKeySettings.of(userSession.getRealm()).clientCredentialsLifespan().toSeconds());
        }
        Long latest = latestExpiry(context.getClientSession().getClient());
        if (latest != null && (token.getExp() == null || token.getExp() > latest)) {
            token.exp(latest);
        }
        Long retiring = retiringSecretUntil(session);
        if (retiring != null && (token.getExp() == null || token.getExp() > retiring)) {
            token.exp(retiring);
        }
        return token;
    }

    /** When the secret this request authenticated with stops working (epoch seconds), if it is a rotated-out one. */
    public static Long retiringSecretUntil(KeycloakSession session) {
        Object value = session.getAttribute(RETIRING_SECRET_UNTIL);
        return value instanceof Long until ? until : null;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Partner key expiry";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Ends every access token of a partner key no later than the key's expiry. Added by Partner Tokens.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
