package dev.partnertokens.keycloak.rest;

import java.util.function.Function;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.KeyAuthority;
import dev.partnertokens.keycloak.domain.NotAllowedException;
import dev.partnertokens.keycloak.domain.TokenId;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import dev.partnertokens.keycloak.settings.TokensApiSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * One request of the tokens API: authenticates the caller once, runs the work, turns what the work refused into the
 * answer (400 bad input, 403 not allowed, 404 no such key: the one place where refusals become answers), and
 * writes the audit entry: always for create, edit and revoke; for list and view when a key or an administrator was
 * refused (the partner API records what people read).
 */
final class TokensRequest {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TokensApiSettings settings;
    private final HttpHeaders headers;
    private final KeyAudit.Action action;
    private TokensCaller caller;
    private PartnerKeyEntity key;
    private String keyId;
    private String detail;

    TokensRequest(KeycloakSession session, RealmModel realm, TokensApiSettings settings, HttpHeaders headers,
                  KeyAudit.Action action) {
        this.session = session;
        this.realm = realm;
        this.settings = settings;
        this.headers = headers;
        this.action = action;
    }

    Response answer(Function<TokensRequest, Response> work) {
        try {
            caller = TokensCaller.authenticate(session, realm, settings, headers);
        } catch (ApiRefusal refusal) {
            // Failed key authentications are counted, not logged one by one; a named person or administrator refused
            // for a partner is written to that partner's trail.
            ApiRefusal.Refused refused = refusal.refused();
            if (refused != null && (isChange() || !"PERSON".equals(refused.actor().kind()))) {
                new KeyAudit(session, realm).request(action, refusal.response().getStatus(), refused.actor(),
                        new KeyAudit.Subject(refused.partnerId(), refused.partnerAlias(), null, null), refused.reason());
            }
            return refusal.response();
        }
        Response response;
        try {
            response = work.apply(this);
        } catch (InvalidInputException e) {
            detail = e.getMessage();
            response = ApiErrors.invalidInput(e);
        } catch (NotAllowedException e) {
            detail = e.getMessage();
            response = ApiErrors.forbidden(e.getMessage());
        } catch (KeyNotFound e) {
            detail = "no such key";
            response = ApiErrors.tokenNotFound();
        } catch (Conflict e) {
            detail = e.getMessage();
            response = ApiErrors.conflict(e.getMessage());
        }
        audit(response.getStatus());
        return response;
    }

    TokensCaller caller() {
        return caller;
    }

    /** The caller's partner's live key with this id; the audit entry will name it. */
    PartnerKeyEntity target(TokenId id) {
        keyId = id.uuid().toString();
        PartnerKeyEntity found = new PartnerKeys(session, realm).find(caller.partnerId(), id).orElseThrow(KeyNotFound::new);
        concerns(found);
        return found;
    }

    void concerns(PartnerKeyEntity key) {
        this.key = key;
        this.keyId = key.getId();
    }

    /** What the audit entry says happened; never a secret. */
    void detail(String detail) {
        this.detail = detail;
    }

    static KeyAuthority.TargetKey targetOf(PartnerKeyEntity key) {
        return new KeyAuthority.TargetKey(key.getId(), PartnerKeys.permissionsOf(key), java.util.Set.copyOf(PartnerKeys.apiScopesOf(key)));
    }

    private void audit(int status) {
        boolean refusedRead = status >= 400 && !"PERSON".equals(caller.actor().kind());
        if (isChange() || refusedRead) {
            new KeyAudit(session, realm).request(action, status, caller.actor(), new KeyAudit.Subject(caller.partnerId(),
                    caller.partnerAlias(), keyId, key == null ? null : key.getClientId()), detail);
        }
    }

    private boolean isChange() {
        return action == KeyAudit.Action.CREATE || action == KeyAudit.Action.EDIT || action == KeyAudit.Action.REVOKE
                || action == KeyAudit.Action.ROTATE;
    }

    /** The key is not in a state that allows the request (409); the message says why. */
    static final class Conflict extends RuntimeException {

        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    /** The caller's partner has no live key with the requested id. */
    private static final class KeyNotFound extends RuntimeException {

        KeyNotFound() {
            super(null, null, false, false);
        }
    }
}
