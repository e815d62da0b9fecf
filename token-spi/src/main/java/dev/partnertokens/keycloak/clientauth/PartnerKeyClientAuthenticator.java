package dev.partnertokens.keycloak.clientauth;

import java.util.Optional;

import dev.partnertokens.keycloak.domain.KeyUse;
import dev.partnertokens.keycloak.guard.Throttled;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.ClientAuthenticationFlowContext;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * Authenticates partner keys: their secret is checked against the stored hash, never against Keycloak's
 * plain-text client secret. Clients of other kinds are left to their own authenticators.
 */
final class PartnerKeyClientAuthenticator implements ClientAuthenticator {

    @Override
    public void authenticateClient(ClientAuthenticationFlowContext context) {
        Optional<ClientCredentials> credentials = ClientCredentials.from(context.getHttpRequest());
        if (credentials.isEmpty()) {
            context.attempted();
            return;
        }
        RealmModel realm = context.getRealm();
        ClientModel client = realm.getClientByClientId(credentials.get().clientId());
        if (client == null || !PartnerKeyClientAuthenticatorFactory.PROVIDER_ID.equals(client.getClientAuthenticatorType())) {
            context.attempted();
            return;
        }
        context.setClient(client);
        // the event names the key's client, as Keycloak's own client-secret authenticator names its clients: the event
        // store and listeners need it, and a listener that looks the client up by a missing id asks the database
        context.getEvent().client(client);
        String secret = credentials.get().secret();
        try {
            // a missing secret is a failure like a wrong one: counted, and throttled alike (as for an unknown id)
            if (new PartnerKeys(context.getSession(), realm).authenticate(client.getClientId(), secret == null ? "" : secret,
                    KeyUse.Way.TOKEN_ENDPOINT).isEmpty()) {
                context.failure(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS, InvalidClient.response(realm.getName()));
                return;
            }
        } catch (Throttled throttled) {
            context.failure(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS, TooManyAttempts.response(throttled));
            return;
        }
        context.success();
    }

    @Override
    public void close() {
        // stateless
    }
}
