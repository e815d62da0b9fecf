package dev.partnertokens.keycloak.rest;

import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.keycloak.persistence.KeyAuditLog;
import dev.partnertokens.keycloak.persistence.RevocationLog;
import dev.partnertokens.keycloak.settings.FeedSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The revocation and audit feeds (ADR 7) for resource servers' service accounts: entries after a sequence number,
 * answered at once when there are some, or held for up to {@code wait} seconds ({@link FeedSettings#maxWaitSeconds} at most) until one commits (long poll). Each
 * look at the database is a short transaction of its own, every {@value #POLL_MILLIS} ms.
 */
final class Feeds {

    static final int MAX_LIMIT = 500;
    static final long POLL_MILLIS = 250;

    private final KeycloakSession session;
    private final FeedSettings settings;
    private final RealmModel realm;

    Feeds(KeycloakSession session, FeedSettings settings) {
        this.session = session;
        this.settings = settings;
        this.realm = session.getContext().getRealm();
    }

    Response revocations(HttpHeaders headers, String after, String wait) {
        Response refusal = refusal(headers, settings.revocationsRole());
        if (refusal != null) {
            return refusal;
        }
        long since = number("after", after, 0, Long.MAX_VALUE, 0);
        int seconds = (int) number("wait", wait, 0, settings.maxWaitSeconds(), 0);
        String realmId = realm.getId();
        if (since == 0) {
            return ok(inTransaction(s -> {
                RevocationLog log = new RevocationLog(s, realmId);
                log.prune(System.currentTimeMillis());
                return revocationFeed(log, 0);
            }));
        }
        return ok(poll(seconds, s -> revocationFeed(new RevocationLog(s, realmId), since), feed -> !feed.entries().isEmpty()));
    }

    Response audit(HttpHeaders headers, String after, String limit, String wait) {
        Response refusal = refusal(headers, settings.auditRole());
        if (refusal != null) {
            return refusal;
        }
        long since = number("after", after, 0, Long.MAX_VALUE, 0);
        int max = (int) number("limit", limit, 1, MAX_LIMIT, 100);
        int seconds = (int) number("wait", wait, 0, settings.maxWaitSeconds(), 0);
        String realmId = realm.getId();
        return ok(poll(seconds, s -> {
            List<FeedAnswers.AuditEntry> entries = new KeyAuditLog(s, realmId).after(since, max).stream()
                    .map(FeedAnswers.AuditEntry::of).toList();
            return new FeedAnswers.AuditFeed(entries, entries.isEmpty() ? since : entries.get(entries.size() - 1).seq());
        }, feed -> !feed.entries().isEmpty()));
    }

    private static FeedAnswers.RevocationFeed revocationFeed(RevocationLog log, long since) {
        List<FeedAnswers.Revocation> entries = log.after(since, 10_000).stream().map(FeedAnswers.Revocation::of).toList();
        long last = entries.isEmpty() ? log.last() : entries.get(entries.size() - 1).seq();
        return new FeedAnswers.RevocationFeed(entries, last, System.currentTimeMillis());
    }

    private <T> T poll(int seconds, Function<KeycloakSession, T> read, java.util.function.Predicate<T> enough) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (true) {
            T answer = inTransaction(read);
            if (enough.test(answer) || System.currentTimeMillis() + POLL_MILLIS > deadline) {
                return answer;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }

    private <T> T inTransaction(Function<KeycloakSession, T> read) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, read::apply);
    }

    private Response refusal(HttpHeaders headers, String role) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ApiErrors.bearerUnauthorized(realm.getName(), "A service account's bearer token is required");
        }
        AuthenticationManager.AuthResult auth = BearerTokens.authenticate(session, realm, headers);
        if (auth == null) {
            return ApiErrors.bearerUnauthorized(realm.getName(), "The bearer token is invalid or expired");
        }
        RoleModel needed = realm.getRole(role);
        if (needed == null || !auth.user().hasRole(needed)) {
            return ApiErrors.forbidden("This feed is for service accounts holding the role " + role);
        }
        return null;
    }

    private static long number(String name, String text, long min, long max, long absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new dev.partnertokens.keycloak.domain.InvalidInputException(name, name + " must be a whole number from " + min
                + (max == Long.MAX_VALUE ? " up" : " to " + max));
    }

    private static Response ok(Object entity) {
        return Response.ok(entity).cacheControl(TokensResource.noStore()).build();
    }
}
