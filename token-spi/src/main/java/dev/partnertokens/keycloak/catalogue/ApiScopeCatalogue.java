package dev.partnertokens.keycloak.catalogue;

import java.util.List;
import java.util.Optional;

import dev.partnertokens.keycloak.domain.ApiScope;
import dev.partnertokens.keycloak.domain.ApiScopes;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * A realm's catalogue of API scopes, kept as Keycloak client scopes marked with the attribute {@value #MARKER}: a
 * key's API scopes are then linked to its client as optional scopes, exactly like its permissions, and Keycloak's own
 * client-credentials grant checks a requested {@code scope} against them ({@code invalid_scope}). Read through the
 * realm cache: no query.
 */
public final class ApiScopeCatalogue {

    /** Client-scope attribute that makes a client scope an API scope of the catalogue. */
    public static final String MARKER = "partner-tokens.api-scope";
    /** Organization attribute: the API scopes a partner's keys may hold (absent = the whole catalogue). */
    public static final String PARTNER_SCOPES = "partner.scopes";

    private final RealmModel realm;

    public ApiScopeCatalogue(RealmModel realm) {
        this.realm = realm;
    }

    public ApiScopes scopes() {
        List<ApiScope> scopes = realm.getClientScopesStream()
                .filter(ApiScopeCatalogue::isApiScope)
                .map(scope -> new ApiScope(scope.getName(), scope.getDescription() == null ? "" : scope.getDescription()))
                .toList();
        return new ApiScopes(scopes);
    }

    /** The catalogue's client scope of this name, if it is one. */
    public Optional<ClientScopeModel> find(String name) {
        return realm.getClientScopesStream().filter(scope -> name.equals(scope.getName())).findFirst();
    }

    /** The API scopes {@code partner}'s keys may hold. */
    public java.util.Set<String> partnerBound(OrganizationModel partner) {
        return scopes().partnerBound(partnerSetting(partner));
    }

    /** Adds an API scope to the catalogue; the caller checked that no client scope has its name. */
    public ClientScopeModel add(ApiScope scope) {
        ClientScopeModel model = realm.addClientScope(scope.name());
        model.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        model.setDescription(scope.description());
        model.setIncludeInTokenScope(true);
        model.setDisplayOnConsentScreen(false);
        model.setAttribute(MARKER, "true");
        return model;
    }

    public static boolean isApiScope(ClientScopeModel scope) {
        return "true".equals(scope.getAttribute(MARKER));
    }

    private static String partnerSetting(OrganizationModel partner) {
        if (partner == null || partner.getAttributes() == null) {
            return null;
        }
        List<String> values = partner.getAttributes().get(PARTNER_SCOPES);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }
}
