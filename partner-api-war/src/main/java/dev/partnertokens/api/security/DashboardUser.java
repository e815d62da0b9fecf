package dev.partnertokens.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A person signed in to the partner dashboard, as their (already verified) token describes them.
 *
 * @param username their {@code preferred_username}
 * @param partner  the alias of the Keycloak Organization in the token's {@code organization} claim
 * @param role     their dashboard role in that partner (claim {@code partner_roles})
 */
public record DashboardUser(String username, String partner, DashboardRole role) {

    public DashboardUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(role, "role");
    }

    /** The dashboard user of a request with a verified token; empty when the token is not one of exactly one partner's people. */
    public static Optional<DashboardUser> of(SecurityContext security) {
        if (security == null || !(security.getUserPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        return of(token);
    }

    static Optional<DashboardUser> of(JsonWebToken token) {
        String username = text(token.getClaim("preferred_username"));
        List<String> organizations = organizations(token.getClaim("organization"));
        if (username == null || organizations.size() != 1) {
            return Optional.empty();
        }
        return roleIn(organizations.get(0), token.getClaim("partner_roles"))
                .map(role -> new DashboardUser(username, organizations.get(0), role));
    }

    /** Keycloak writes the claim as a list of aliases, or as an object keyed by alias when it adds attributes. */
    private static List<String> organizations(Object claim) {
        List<String> aliases = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            array.forEach(value -> {
                if (value instanceof JsonString alias && !alias.getString().isBlank()) {
                    aliases.add(alias.getString());
                }
            });
        } else if (claim instanceof JsonObject object) {
            aliases.addAll(object.keySet());
        } else if (claim instanceof JsonString alias) {
            aliases.add(alias.getString());
        } else if (claim instanceof String alias) {
            aliases.add(alias);
        }
        return aliases;
    }

    /** The role of the person in partner {@code alias}, from the claim {@code partner_roles: {"<alias>": "<ROLE>"}}. */
    private static Optional<DashboardRole> roleIn(String alias, Object claim) {
        if (claim instanceof JsonObject roles && roles.get(alias) instanceof JsonString role) {
            return DashboardRole.named(role.getString());
        }
        return Optional.empty();
    }

    private static String text(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        if (claim == null || claim == JsonValue.NULL) {
            return null;
        }
        String text = claim.toString();
        return text.isBlank() ? null : text;
    }
}
