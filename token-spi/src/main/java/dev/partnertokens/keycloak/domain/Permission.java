package dev.partnertokens.keycloak.domain;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The rights a partner key can hold through the tokens API. Each is a Keycloak client scope of the
 * same name, linked to the key's client as an optional scope.
 */
public enum Permission {

    /** Read-only use of partner APIs; with the tokens API, list and read keys. */
    VIEW,
    /** Move money or make other changes through partner APIs. */
    TRANSACT,
    /** Manage keys through the tokens API: list, read, create and delete. */
    MANAGE;

    private static final String FIELD = "permissions";

    /**
     * The permission spelled exactly {@code text} (upper case, as on the wire).
     *
     * @param text a permission name; {@code null} is rejected
     * @throws InvalidInputException with field {@code permissions} naming the bad value if unknown
     */
    public static Permission parse(String text) {
        if (text != null) {
            for (Permission permission : values()) {
                if (permission.name().equals(text)) {
                    return permission;
                }
            }
        }
        throw new InvalidInputException(FIELD, "unknown permission " + Quoted.of(text) + "; expected one of VIEW, TRANSACT, MANAGE");
    }

    /**
     * The permissions named by {@code texts}; a name given twice counts once.
     *
     * @param texts the names from a request, never {@code null}, at least one
     * @throws NullPointerException  if {@code texts} is {@code null}
     * @throws InvalidInputException with field {@code permissions} if {@code texts} is empty or holds
     *                               an unknown name or {@code null}
     */
    public static Set<Permission> parseAll(Collection<String> texts) {
        Objects.requireNonNull(texts, FIELD);
        if (texts.isEmpty()) {
            throw new InvalidInputException(FIELD, "permissions must name at least one of VIEW, TRANSACT, MANAGE");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String text : texts) {
            permissions.add(parse(text));
        }
        return permissions;
    }

    /**
     * The permissions named in a setting such as an Organization attribute or a realm attribute: names separated by
     * commas or white space, in any case. Names that are not permissions are ignored, so a typo in a setting can
     * only make a set of rights smaller, never larger.
     *
     * @param text the setting's value, {@code null} or blank for none
     */
    public static Set<Permission> parseList(String text) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (text == null) {
            return permissions;
        }
        for (String part : text.split("[,\\s]+")) {
            for (Permission permission : values()) {
                if (permission.name().equalsIgnoreCase(part.trim())) {
                    permissions.add(permission);
                }
            }
        }
        return permissions;
    }

    /** Whether a key holding {@code holder} may read one key: it holds {@code VIEW} or {@code MANAGE}. */
    public static boolean canRead(Set<Permission> holder) {
        return holder.contains(VIEW) || holder.contains(MANAGE);
    }

    /** Whether a key holding {@code holder} may create, edit and revoke keys: it holds {@code MANAGE}. */
    public static boolean canCreate(Set<Permission> holder) {
        return holder.contains(MANAGE);
    }
}
