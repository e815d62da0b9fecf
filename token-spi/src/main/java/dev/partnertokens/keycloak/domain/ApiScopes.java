package dev.partnertokens.keycloak.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A realm's catalogue of API scopes: the only scopes a partner key may hold besides its permissions. A partner may be
 * bounded to part of it (the Organization attribute {@code partner.scopes}; absent = the whole catalogue).
 */
public final class ApiScopes {

    public static final String FIELD = "scopes";
    /** A key holds at most this many API scopes (the key row keeps its scopes in 1000 characters). */
    public static final int MAX_PER_KEY = 20;

    private final Map<String, ApiScope> byName;

    public ApiScopes(Collection<ApiScope> scopes) {
        TreeMap<String, ApiScope> sorted = new TreeMap<>();
        scopes.forEach(scope -> sorted.put(scope.name(), scope));
        this.byName = Collections.unmodifiableMap(sorted);
    }

    /** Every scope of the catalogue, by name. */
    public List<ApiScope> all() {
        return List.copyOf(byName.values());
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
    }

    /**
     * The catalogue's scopes whose names are among {@code names}, by name: what a caller who may grant those names is
     * offered on a new key. A name outside the catalogue is left out.
     */
    public List<ApiScope> among(Set<String> names) {
        return byName.values().stream().filter(scope -> names.contains(scope.name())).toList();
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /**
     * The API scopes a request names, checked against the catalogue; a name given twice counts once, none is fine.
     *
     * @throws InvalidInputException (field {@code scopes}) for a name that is not in the catalogue, naming those that are
     */
    public Set<String> parseRequested(Collection<String> names) {
        TreeSet<String> requested = new TreeSet<>();
        for (String name : names) {
            if (name == null || !byName.containsKey(name)) {
                throw new InvalidInputException(FIELD, "unknown API scope " + Quoted.of(name) + "; this realm's API scopes are "
                        + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
            }
            requested.add(name);
        }
        if (requested.size() > MAX_PER_KEY) {
            throw new InvalidInputException(FIELD, "a key holds at most " + MAX_PER_KEY + " API scopes");
        }
        return requested;
    }

    /**
     * The API scopes a partner's keys may hold: the names of a setting (separated by commas or white space) that are
     * in the catalogue, or the whole catalogue when there is no setting. A name outside the catalogue is ignored, so
     * a typo can only make the bound smaller.
     *
     * @param setting the partner's {@code partner.scopes}, {@code null} when it has none
     */
    public Set<String> partnerBound(String setting) {
        if (setting == null) {
            return names();
        }
        TreeSet<String> bound = new TreeSet<>();
        for (String part : setting.split("[,\\s]+")) {
            if (byName.containsKey(part.trim())) {
                bound.add(part.trim());
            }
        }
        return Collections.unmodifiableSet(bound);
    }

    /** The names among space-separated key scopes that are not permissions: a key's API scopes, sorted. */
    public static List<String> apiScopesIn(String keyScopes) {
        List<String> scopes = new ArrayList<>();
        if (keyScopes == null) {
            return scopes;
        }
        for (String name : keyScopes.trim().split("\\s+")) {
            if (!name.isEmpty() && !isPermission(name)) {
                scopes.add(name);
            }
        }
        Collections.sort(scopes);
        return scopes;
    }

    private static boolean isPermission(String name) {
        for (Permission permission : Permission.values()) {
            if (permission.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
