package dev.partnertokens.api.keys;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The filters and page of a key list, as the dashboard gives them to {@code GET /api/v1/keys}: the tokens API's list
 * parameters, passed on as text (the provider checks their values). {@code scope} may be given several times, every
 * other parameter once; a parameter the tokens API does not know is refused here.
 */
record KeyListQuery(String name, String createdAfter, String createdBefore, String updatedAfter, String updatedBefore,
                    String limit, String cursor, List<String> scope, String expiringSoon) {

    private static final List<String> NAMES = List.of("name", "createdAfter", "createdBefore", "updatedAfter",
            "updatedBefore", "limit", "cursor", "scope", "expiringSoon");
    private static final Set<String> REPEATABLE = Set.of("scope");

    /** The query, or why it is not one (a message for a 400). */
    static Query parse(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!NAMES.contains(parameter.getKey())) {
                return new Query(null, "unknown query parameter '" + parameter.getKey() + "'; allowed are " + String.join(", ", NAMES));
            }
            if (parameter.getValue().size() > 1 && !REPEATABLE.contains(parameter.getKey())) {
                return new Query(null, parameter.getKey() + " may be given once");
            }
        }
        return new Query(new KeyListQuery(one(parameters, "name"), one(parameters, "createdAfter"),
                one(parameters, "createdBefore"), one(parameters, "updatedAfter"), one(parameters, "updatedBefore"),
                one(parameters, "limit"), one(parameters, "cursor"), parameters.getOrDefault("scope", List.of()),
                one(parameters, "expiringSoon")), null);
    }

    /** A parsed query or the reason there is none. */
    record Query(KeyListQuery query, String refusal) {

        Optional<KeyListQuery> valid() {
            return Optional.ofNullable(query);
        }
    }

    KeyPage listedBy(TokensApiClient api, String bearer, String partner, String actingUser) {
        return api.list(bearer, partner, actingUser, name, createdAfter, createdBefore, updatedAfter, updatedBefore, limit,
                cursor, scope, expiringSoon);
    }

    private static String one(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
