package dev.partnertokens.keycloak.audit;

import java.util.Objects;

/**
 * Who did something to a key, as the audit trail names them.
 *
 * @param kind {@code PERSON} (a dashboard user, through the partner API), {@code KEY}, {@code PLATFORM_ADMIN},
 *             {@code ADMIN_CONSOLE} (a realm administrator),
 *             {@code REPORTER} (a secret scanner, named by its signing key) or {@code SYSTEM}
 * @param name the user name or the key's client id; {@code null} for the system
 * @param role a person's dashboard role, otherwise {@code null}
 */
public record Actor(String kind, String name, String role) {

    public Actor {
        Objects.requireNonNull(kind, "kind");
    }

    public static Actor system() {
        return new Actor("SYSTEM", null, null);
    }

    /** A secret scanner whose report was signed with the reporter key of this identifier. */
    public static Actor reporter(String keyIdentifier) {
        return new Actor("REPORTER", keyIdentifier, null);
    }

    public static Actor adminConsole(String username) {
        return new Actor("ADMIN_CONSOLE", username, null);
    }

    /** How the trail shows the actor: {@code developer@acme.example (DEVELOPER)}, {@code key pk-…}. */
    public String describe() {
        return switch (kind) {
            case "KEY" -> "key " + name;
            case "PERSON" -> name + " (" + role + ")";
            case "SYSTEM" -> "Partner Tokens";
            case "REPORTER" -> "secret scanning (reporter key " + (name.length() > 16 ? name.substring(0, 16) + "…" : name) + ")";
            default -> name;
        };
    }
}
