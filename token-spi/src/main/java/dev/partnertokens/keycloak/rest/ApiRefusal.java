package dev.partnertokens.keycloak.rest;

import jakarta.ws.rs.core.Response;

/** A request refused before it could be served (400, 401, 403): thrown where it is decided, answered in one place. */
final class ApiRefusal extends RuntimeException {

    private final transient Response response;
    private final transient Refused refused;

    ApiRefusal(Response response) {
        this(response, null);
    }

    /** A refusal the audit trail records: who was refused, acting for which partner, and why. */
    ApiRefusal(Response response, Refused refused) {
        super(null, null, false, false);
        this.response = response;
        this.refused = refused;
    }

    Response response() {
        return response;
    }

    /** Who was refused, when they are known well enough to be named in the partner's trail; otherwise {@code null}. */
    Refused refused() {
        return refused;
    }

    record Refused(dev.partnertokens.keycloak.audit.Actor actor, String partnerId, String partnerAlias, String reason) {
    }
}
