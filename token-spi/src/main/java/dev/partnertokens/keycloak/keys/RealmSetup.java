package dev.partnertokens.keycloak.keys;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.partnertokens.keycloak.clientauth.KeyAuthenticatorFirst;
import dev.partnertokens.keycloak.domain.ApiScopes;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.Permission;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * What a realm needs before a partner key can hold a right: a client scope per right and the {@code partner-key}
 * authenticator in the realm's client authentication flow (Keycloak only runs client authenticators that are
 * executions of that flow).
 *
 * <p>Whatever is missing is made in a transaction of its own and committed at once. Two first keys created at the
 * same moment would otherwise both add scope {@code VIEW}, and the second commit would break the unique scope name
 * and fail the request with 409: here the loser of that race tries again, finds the winner's scopes and carries on.
 */
final class RealmSetup {

    private final KeycloakSession session;
    private final RealmModel realm;

    RealmSetup(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The realm's client scopes with these names, made first where missing; by name, in the given order. */
    Map<String, ClientScopeModel> scopesFor(Collection<String> names) {
        Map<String, ClientScopeModel> scopes = new LinkedHashMap<>();
        if (KeyAuthenticatorFirst.isIn(realm)) {
            names.forEach(name -> scopes.put(name, KeycloakModelUtils.getClientScopeByName(realm, name)));
            if (!scopes.containsValue(null)) {
                return scopes;
            }
        }
        Map<String, String> ids = null;
        // Each attempt that loses a race finds at least one more scope made; a bounded number of attempts suffices.
        for (int attempt = 0; ids == null; attempt++) {
            try {
                ids = prepareInOwnTransaction(names);
            } catch (ModelDuplicateException madeByAConcurrentRequest) {
                if (attempt >= names.size() + 2) {
                    throw madeByAConcurrentRequest;
                }
            }
        }
        // By id: the realm this request loaded may predate the scopes just committed.
        ids.forEach((name, id) -> scopes.put(name, session.clientScopes().getClientScopeById(realm, id)));
        return scopes;
    }

    /** Makes what is missing, commits, and answers the scopes' ids by name. */
    private Map<String, String> prepareInOwnTransaction(Collection<String> names) {
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), own -> {
            RealmModel ownRealm = own.realms().getRealm(realm.getId());
            Map<String, String> ids = new LinkedHashMap<>();
            for (String name : names) {
                ClientScopeModel scope = KeycloakModelUtils.getClientScopeByName(ownRealm, name);
                if (scope == null && !isPermission(name)) {
                    // an API scope is never made here: it is the catalogue's, and it was removed meanwhile
                    throw new InvalidInputException(ApiScopes.FIELD, "unknown API scope '" + name + "'");
                }
                ids.put(name, (scope == null ? addScope(ownRealm, name) : scope).getId());
            }
            if (!KeyAuthenticatorFirst.isIn(ownRealm)) {
                KeyAuthenticatorFirst.add(ownRealm);
            }
            return ids;
        });
    }

    private static boolean isPermission(String name) {
        return java.util.Arrays.stream(Permission.values()).anyMatch(p -> p.name().equals(name));
    }

    private static ClientScopeModel addScope(RealmModel realm, String name) {
        ClientScopeModel scope = realm.addClientScope(name);
        scope.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        scope.setDescription("Partner key right " + name);
        scope.setIncludeInTokenScope(true);
        scope.setDisplayOnConsentScreen(false);
        return scope;
    }
}
