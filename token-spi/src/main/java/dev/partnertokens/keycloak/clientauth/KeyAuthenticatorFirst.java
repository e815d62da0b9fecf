package dev.partnertokens.keycloak.clientauth;

import java.util.Optional;
import java.util.OptionalInt;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;

/**
 * The {@code partner-key} authenticator's place in a realm's client authentication flow: first. Keycloak runs the
 * flow's alternatives in priority order until one is the client's own type; behind the stock {@code client-secret}
 * (priority 10), every key grant first paid that authenticator's attempt (and the JWT and X.509 ones') only for its
 * result to be ignored. First, it answers "not mine" for any other client after one look-up of the client by id in
 * Keycloak's cache, and the stock authenticators see every other client as before.
 */
public final class KeyAuthenticatorFirst {

    private KeyAuthenticatorFirst() {
    }

    /** Adds the execution to the realm's client authentication flow, ahead of the others. */
    public static void add(RealmModel realm) {
        AuthenticationFlowModel flow = realm.getClientAuthenticationFlow();
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setParentFlow(flow.getId());
        execution.setAuthenticator(PartnerKeyClientAuthenticatorFactory.PROVIDER_ID);
        execution.setAuthenticatorFlow(false);
        execution.setRequirement(AuthenticationExecutionModel.Requirement.ALTERNATIVE);
        execution.setPriority(aheadOf(lowestOtherPriority(realm, flow)));
        realm.addAuthenticatorExecution(execution);
    }

    /** Whether the realm's client authentication flow has the execution, wherever it stands. */
    public static boolean isIn(RealmModel realm) {
        return execution(realm, realm.getClientAuthenticationFlow()).isPresent();
    }

    /**
     * Moves the execution of a realm that has it (made before it went first) ahead of the others.
     *
     * @return whether it moved
     */
    public static boolean moveAhead(RealmModel realm) {
        AuthenticationFlowModel flow = realm.getClientAuthenticationFlow();
        if (flow == null) {
            return false;
        }
        Optional<AuthenticationExecutionModel> execution = execution(realm, flow);
        OptionalInt lowest = lowestOtherPriority(realm, flow);
        if (execution.isEmpty() || lowest.isEmpty() || execution.get().getPriority() < lowest.getAsInt()) {
            return false;
        }
        execution.get().setPriority(aheadOf(lowest));
        realm.updateAuthenticatorExecution(execution.get());
        return true;
    }

    private static int aheadOf(OptionalInt lowest) {
        return lowest.isPresent() ? lowest.getAsInt() - 1 : 0;
    }

    private static Optional<AuthenticationExecutionModel> execution(RealmModel realm, AuthenticationFlowModel flow) {
        return realm.getAuthenticationExecutionsStream(flow.getId())
                .filter(KeyAuthenticatorFirst::isKeys)
                .findFirst();
    }

    private static OptionalInt lowestOtherPriority(RealmModel realm, AuthenticationFlowModel flow) {
        return realm.getAuthenticationExecutionsStream(flow.getId())
                .filter(e -> !isKeys(e))
                .mapToInt(AuthenticationExecutionModel::getPriority)
                .min();
    }

    private static boolean isKeys(AuthenticationExecutionModel execution) {
        return PartnerKeyClientAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator());
    }
}
