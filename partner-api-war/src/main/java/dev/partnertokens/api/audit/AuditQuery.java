package dev.partnertokens.api.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters of {@code GET /api/v1/audit}: {@code from} and {@code to} (ISO-8601 instants, {@code from}
 * inclusive, {@code to} exclusive), {@code action}, {@code limit} (1..{@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}) and {@code cursor}. Each may be {@code null} except {@code limit}.
 */
record AuditQuery(Instant from, Instant to, AuditAction action, int limit, AuditCursor cursor) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Set<String> PARAMETERS = Set.of("from", "to", "action", "limit", "cursor");

    /** @throws BadParameterException naming the first parameter that is wrong */
    static AuditQuery parse(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                throw new BadParameterException("Unknown parameter; expected from, to, action, limit, cursor", "query");
            }
            if (parameter.getValue().size() > 1) {
                throw new BadParameterException(parameter.getKey() + " may be given once", parameter.getKey());
            }
        }
        Instant from = instant(parameters, "from");
        Instant to = instant(parameters, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadParameterException("from must be before to", "from");
        }
        AuditAction action = null;
        String actionText = single(parameters, "action");
        if (actionText != null) {
            try {
                action = AuditAction.valueOf(actionText);
            } catch (IllegalArgumentException e) {
                throw new BadParameterException("action must be one of LIST, VIEW, CREATE, EDIT, REVOKE, AUTH_FAILED", "action");
            }
        }
        int limit = DEFAULT_LIMIT;
        String limitText = single(parameters, "limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new BadParameterException("limit must be a whole number from 1 to " + MAX_LIMIT, "limit");
            }
        }
        AuditCursor cursor = null;
        String cursorText = single(parameters, "cursor");
        if (cursorText != null) {
            try {
                cursor = AuditCursor.decode(cursorText);
            } catch (RuntimeException e) {
                throw new BadParameterException("cursor is not a cursor this API gave out", "cursor");
            }
        }
        return new AuditQuery(from, to, action, limit, cursor);
    }

    private static Instant instant(Map<String, List<String>> parameters, String name) {
        String text = single(parameters, name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z", name);
        }
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A query parameter that is wrong; the message names it. */
    static final class BadParameterException extends RuntimeException {

        private final String parameter;

        BadParameterException(String message, String parameter) {
            super(message, null, false, false);
            this.parameter = parameter;
        }

        String parameter() {
            return parameter;
        }
    }
}
