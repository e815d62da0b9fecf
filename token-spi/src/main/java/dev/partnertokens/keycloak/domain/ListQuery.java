package dev.partnertokens.keycloak.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query parameters of {@code GET /realms/{realm}/tokens}, checked.
 *
 * <p>Time windows are half-open: a key matches {@code createdAfter <= createdAt < createdBefore},
 * and likewise for {@code updatedAt}, so adjacent windows never overlap.
 *
 * @param name          part of the key name to look for, stripped; {@code null} when not filtering by name
 * @param createdAfter  earliest creation time, inclusive; {@code null} when unbounded
 * @param createdBefore creation time the keys must be before; {@code null} when unbounded
 * @param updatedAfter  earliest update time, inclusive; {@code null} when unbounded
 * @param updatedBefore update time the keys must be before; {@code null} when unbounded
 * @param limit         page size, {@value #MIN_LIMIT} to {@value #MAX_LIMIT}
 * @param cursor        where the page starts; {@code null} for the first page
 * @param scopes        API scopes every listed key must hold ({@code scope}, may be repeated); empty when not filtering
 * @param expiringSoon  {@code true}: only keys that expire within the realm's notice period; {@code false}: only
 *                      the others; {@code null} when not filtering
 */
public record ListQuery(String name, Instant createdAfter, Instant createdBefore, Instant updatedAfter,
                        Instant updatedBefore, int limit, PageCursor cursor, java.util.Set<String> scopes, Boolean expiringSoon) {

    /** Page size when {@code limit} is not given. */
    public static final int DEFAULT_LIMIT = 20;
    /** Smallest page size. */
    public static final int MIN_LIMIT = 1;
    /** Largest page size. */
    public static final int MAX_LIMIT = 100;

    private static final String NAME = "name";
    private static final String CREATED_AFTER = "createdAfter";
    private static final String CREATED_BEFORE = "createdBefore";
    private static final String UPDATED_AFTER = "updatedAfter";
    private static final String UPDATED_BEFORE = "updatedBefore";
    private static final String LIMIT = "limit";
    private static final String CURSOR = "cursor";
    private static final String SCOPE = "scope";
    private static final String EXPIRING_SOON = "expiringSoon";
    private static final Set<String> PARAMETERS =
            Set.of(NAME, CREATED_AFTER, CREATED_BEFORE, UPDATED_AFTER, UPDATED_BEFORE, LIMIT, CURSOR, SCOPE, EXPIRING_SOON);
    private static final String ALLOWED = "name, createdAfter, createdBefore, updatedAfter, updatedBefore, limit, cursor, scope, expiringSoon";
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    /**
     * Checks the rules that do not depend on where the values came from.
     *
     * @throws InvalidInputException if {@code name} breaks the rules of {@link KeyName}, {@code limit} is
     *                               out of range, or a time window is empty
     */
    public ListQuery {
        if (name != null) {
            name = KeyName.validate(NAME, name);
        }
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw new InvalidInputException(LIMIT, "limit must be between " + MIN_LIMIT + " and " + MAX_LIMIT + ", got " + limit);
        }
        requireOrdered(CREATED_AFTER, createdAfter, CREATED_BEFORE, createdBefore);
        requireOrdered(UPDATED_AFTER, updatedAfter, UPDATED_BEFORE, updatedBefore);
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        if (scopes.size() > ApiScopes.MAX_PER_KEY) {
            throw new InvalidInputException(SCOPE, "scope may be given at most " + ApiScopes.MAX_PER_KEY + " times");
        }
        scopes.forEach(scope -> ApiScope.checkedName(SCOPE, scope));
    }

    public ListQuery(String name, Instant createdAfter, Instant createdBefore, Instant updatedAfter, Instant updatedBefore,
                     int limit, PageCursor cursor) {
        this(name, createdAfter, createdBefore, updatedAfter, updatedBefore, limit, cursor, Set.of(), null);
    }

    /** The first page of all keys, {@value #DEFAULT_LIMIT} at a time. */
    public static ListQuery firstPage() {
        return new ListQuery(null, null, null, null, null, DEFAULT_LIMIT, null);
    }

    /**
     * Reads the query parameters of a list request.
     *
     * @param parameters query parameters by name, as a JAX-RS {@code MultivaluedMap} gives them;
     *                   a name mapped to an empty list counts as absent; never {@code null}
     * @param cursors    reads the {@code cursor} parameter; never {@code null}
     * @throws NullPointerException  if an argument is {@code null}
     * @throws InvalidInputException naming the parameter at fault if a parameter is unknown, given
     *                               more than once, {@code null}, or breaks its rule
     */
    public static ListQuery parse(Map<String, List<String>> parameters, PageCursorCodec cursors) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(cursors, "cursors");
        for (String parameter : parameters.keySet()) {
            if (!PARAMETERS.contains(parameter)) {
                throw new InvalidInputException(Quoted.bare(parameter),
                        "unknown query parameter " + Quoted.of(parameter) + "; allowed are " + ALLOWED);
            }
        }
        String limit = single(parameters, LIMIT);
        String cursor = single(parameters, CURSOR);
        return new ListQuery(
                single(parameters, NAME),
                instant(parameters, CREATED_AFTER),
                instant(parameters, CREATED_BEFORE),
                instant(parameters, UPDATED_AFTER),
                instant(parameters, UPDATED_BEFORE),
                limit == null ? DEFAULT_LIMIT : parseLimit(limit),
                cursor == null ? null : cursors.decode(cursor),
                scopes(parameters),
                bool(parameters, EXPIRING_SOON));
    }

    private static Set<String> scopes(Map<String, List<String>> parameters) {
        List<String> values = parameters.get(SCOPE);
        if (values == null) {
            return Set.of();
        }
        java.util.TreeSet<String> scopes = new java.util.TreeSet<>();
        for (String value : values) {
            if (value == null || value.isEmpty()) {
                throw new InvalidInputException(SCOPE, "scope must name an API scope");
            }
            scopes.add(value);
        }
        return scopes;
    }

    private static Boolean bool(Map<String, List<String>> parameters, String parameter) {
        String text = single(parameters, parameter);
        if (text == null) {
            return null;
        }
        if (!text.equals("true") && !text.equals("false")) {
            throw new InvalidInputException(parameter, parameter + " must be true or false, got " + Quoted.of(text));
        }
        return Boolean.valueOf(text);
    }

    private static String single(Map<String, List<String>> parameters, String parameter) {
        List<String> values = parameters.get(parameter);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidInputException(parameter, parameter + " must be given at most once, got " + values.size() + " values");
        }
        String value = values.get(0);
        if (value == null) {
            throw new InvalidInputException(parameter, parameter + " must have a value");
        }
        return value;
    }

    private static Instant instant(Map<String, List<String>> parameters, String parameter) {
        String text = single(parameters, parameter);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(parameter, parameter
                    + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got " + Quoted.of(text));
        }
    }

    private static int parseLimit(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new InvalidInputException(LIMIT, "limit must be a whole number between " + MIN_LIMIT + " and " + MAX_LIMIT
                    + ", got " + Quoted.of(text));
        }
        String digits = text.replaceFirst("^[+-]?0*", "");
        if (digits.length() > 3) {
            throw new InvalidInputException(LIMIT, "limit must be between " + MIN_LIMIT + " and " + MAX_LIMIT
                    + ", got " + Quoted.of(text));
        }
        return Integer.parseInt(text);
    }

    private static void requireOrdered(String afterName, Instant after, String beforeName, Instant before) {
        if (after != null && before != null && !after.isBefore(before)) {
            throw new InvalidInputException(afterName, afterName + " must be earlier than " + beforeName);
        }
    }
}
