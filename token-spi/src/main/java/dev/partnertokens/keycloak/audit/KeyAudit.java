package dev.partnertokens.keycloak.audit;

import dev.partnertokens.keycloak.persistence.KeyAuditLog;
import dev.partnertokens.keycloak.persistence.KeyAuditRecord;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Records what happens to partner keys where it happens: one entry in the provider's audit log (which the partner
 * API copies into the partner's trail), and, for requests, a Keycloak event so that Keycloak's own event listeners
 * see it too. No secret, hash or token is ever passed here.
 */
public final class KeyAudit {

    /** What was done. */
    public enum Action {
        CREATE, EDIT, REVOKE, LIST, VIEW, AUTH_FAILED, ROTATE, EXPIRING_SOON, CATALOGUE,
        /** A secret scanner reported a key's secret found in public (docs/secret-scanning.md). */
        LEAK_REPORTED,
        /** A realm administrator changed the public keys that leak reports are checked with. */
        REPORTER_KEYS,
        /** The brute-force guard started refusing (429) an address or key id for the rest of a window. */
        THROTTLED
    }

    static final String ERROR_REFUSED = "partner_key_refused";
    static final String ERROR_THROTTLED = "partner_key_throttled";

    private final KeycloakSession session;
    private final RealmModel realm;

    public KeyAudit(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * What one entry says about a key: its partner, the key's id and client id (either may be {@code null}).
     */
    public record Subject(String partnerId, String partnerAlias, String keyId, String keyClientId) {
    }

    /** Records an action of a request, successful or refused, and raises the matching Keycloak event. */
    public void request(Action action, int status, Actor actor, Subject subject, String detail) {
        request(action, status, actor, subject, detail, java.util.Map.of());
    }

    /**
     * Records an action of a request like {@link #request(Action, int, Actor, Subject, String)}, with more details on
     * its Keycloak event (names and values that hold no secret).
     */
    public void request(Action action, int status, Actor actor, Subject subject, String detail,
                        java.util.Map<String, String> eventDetails) {
        String sourceIp = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
        log(action, status, actor, subject, detail, sourceIp, 1);
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(eventType(action))
                .detail("partner_key_action", action.name())
                .detail("actor", actor.describe());
        eventDetails.forEach(event::detail);
        if (subject.keyClientId() != null) {
            event.client(subject.keyClientId());
        }
        if (subject.keyId() != null) {
            event.detail("partner_key_id", subject.keyId());
        }
        if (subject.partnerId() != null) {
            event.detail("partner_id", subject.partnerId());
        }
        if (status >= 400) {
            event.detail("status", String.valueOf(status)).error(ERROR_REFUSED);
        } else {
            event.success();
        }
    }

    /**
     * Records something the provider noticed by itself (no request: the housekeeping timer) and raises the matching
     * Keycloak event, with the details {@code partner_key_action}, {@code partner_key_id} and {@code partner_id}.
     */
    public void noticed(Action action, Subject subject, String detail) {
        log(action, 200, Actor.system(), subject, detail, null, 1);
        EventBuilder event = new EventBuilder(realm, session)
                .event(eventType(action))
                .detail("partner_key_action", action.name())
                .detail("actor", Actor.system().describe());
        if (subject.keyClientId() != null) {
            event.client(subject.keyClientId());
        }
        if (subject.keyId() != null) {
            event.detail("partner_key_id", subject.keyId());
        }
        if (subject.partnerId() != null) {
            event.detail("partner_id", subject.partnerId());
        }
        event.success();
    }

    /**
     * Records that the brute-force guard started throttling (one entry per throttle and window, status 429, actor
     * SYSTEM, the address in the source address, the failures that started it in the count) and raises the Keycloak
     * event {@code CLIENT_LOGIN_ERROR} with error {@value #ERROR_THROTTLED} and the details {@code partner_key_action}
     * ({@code THROTTLED}), {@code rule} and {@code throttled_until}.
     */
    public void throttled(Subject subject, String detail, String sourceIp, int failures, String rule, java.time.Instant until) {
        log(Action.THROTTLED, 429, Actor.system(), subject, detail, sourceIp, failures);
        EventBuilder event = new EventBuilder(realm, session)
                .event(EventType.CLIENT_LOGIN)
                .ipAddress(sourceIp)
                .detail("partner_key_action", Action.THROTTLED.name())
                .detail("rule", rule)
                .detail("throttled_until", until.toString());
        if (subject.keyClientId() != null) {
            event.client(subject.keyClientId());
        }
        if (subject.partnerId() != null) {
            event.detail("partner_id", subject.partnerId());
        }
        event.error(ERROR_THROTTLED);
    }

    /** Records an entry with no Keycloak event of its own (one was raised already, or there is no request). */
    public void log(Action action, int status, Actor actor, Subject subject, String detail, String sourceIp, int count) {
        new KeyAuditLog(session, realm.getId()).append(new KeyAuditRecord(subject.partnerId(), subject.partnerAlias(),
                System.currentTimeMillis(), action.name(), outcome(status), status, actor.kind(), actor.name(), actor.role(),
                subject.keyId(), subject.keyClientId(), detail, sourceIp, count));
    }

    static String outcome(int status) {
        return status >= 500 ? "FAILED" : status >= 400 ? "REFUSED" : "SUCCESS";
    }

    private static EventType eventType(Action action) {
        return switch (action) {
            case CREATE -> EventType.CLIENT_REGISTER;
            case EDIT, ROTATE, EXPIRING_SOON, CATALOGUE, LEAK_REPORTED, REPORTER_KEYS -> EventType.CLIENT_UPDATE;
            case REVOKE -> EventType.CLIENT_DELETE;
            case LIST, VIEW -> EventType.CLIENT_INFO;
            case AUTH_FAILED, THROTTLED -> EventType.CLIENT_LOGIN;
        };
    }
}
