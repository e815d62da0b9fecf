package dev.partnertokens.keycloak.rest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.keycloak.domain.AllowedNetworks;
import dev.partnertokens.keycloak.domain.ApiScopes;
import dev.partnertokens.keycloak.domain.ExpiresAt;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.KeyName;
import dev.partnertokens.keycloak.domain.Permission;
import dev.partnertokens.keycloak.keys.KeyEdit;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;

/**
 * The body of {@code PATCH /realms/{realm}/tokens/{id}}: any of {@code name}, {@code permissions}, {@code scopes},
 * {@code expiresAt} ({@code null} clears the expiry), {@code allowedNetworks} ({@code []} or {@code null} removes the
 * allowlist), validated as on create.
 */
final class KeyEdits {

    private static final Set<String> FIELDS = Set.of("name", "permissions", "scopes", "expiresAt", AllowedNetworks.FIELD);
    static final String EXPECTED_FIELDS = "name, permissions, scopes, expiresAt, allowedNetworks";

    private KeyEdits() {
    }

    static KeyEdit parse(ObjectNode body, ApiScopes catalogue) {
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException(field, "Unknown field " + TokensResource.quoted(field) + "; expected " + EXPECTED_FIELDS);
            }
        }
        if (body.isEmpty()) {
            throw new InvalidInputException("body", "Name at least one of " + EXPECTED_FIELDS + " to change");
        }
        KeyName name = null;
        JsonNode nameNode = body.get("name");
        if (nameNode != null) {
            if (!nameNode.isTextual()) {
                throw new InvalidInputException("name", "name must be a string");
            }
            name = new KeyName(nameNode.asText());
        }
        JsonNode permissionsNode = body.get("permissions");
        Set<Permission> permissions = permissionsNode == null ? null : permissions(permissionsNode);
        JsonNode expiresNode = body.get("expiresAt");
        ExpiresAt expiry = null;
        if (expiresNode != null && !expiresNode.isNull()) {
            if (!expiresNode.isTextual()) {
                throw new InvalidInputException("expiresAt", "expiresAt must be an ISO-8601 instant such as 2027-01-31T00:00:00Z, or null");
            }
            expiry = ExpiresAt.parse(expiresNode.asText(), Clock.systemUTC());
        }
        JsonNode scopesNode = body.get("scopes");
        Set<String> scopes = scopesNode == null ? null : scopes(scopesNode, catalogue);
        JsonNode networksNode = body.get(AllowedNetworks.FIELD);
        AllowedNetworks networks = networksNode == null ? null : allowedNetworks(networksNode);
        return new KeyEdit(name, permissions, expiresNode != null, expiry, scopes, networks);
    }

    /** A {@code permissions} array of a request body. */
    static Set<Permission> permissions(JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidInputException("permissions", "permissions must be an array of VIEW, TRANSACT, MANAGE");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode permission : node) {
            if (!permission.isTextual()) {
                throw new InvalidInputException("permissions", "permissions must be an array of strings");
            }
            names.add(permission.asText());
        }
        return Permission.parseAll(names);
    }

    /** A {@code scopes} array of a request body: names of the realm's API scopes, possibly none. */
    static Set<String> scopes(JsonNode node, ApiScopes catalogue) {
        if (!node.isArray()) {
            throw new InvalidInputException(ApiScopes.FIELD, "scopes must be an array of API scope names such as [\"gateway\"]");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode scope : node) {
            if (!scope.isTextual()) {
                throw new InvalidInputException(ApiScopes.FIELD, "scopes must be an array of strings");
            }
            names.add(scope.asText());
        }
        return catalogue.parseRequested(names);
    }

    /**
     * An {@code allowedNetworks} member of a request body: an array of IPv4/IPv6 networks or addresses; {@code null} or
     * {@code []} for none (the key may be used from anywhere).
     */
    static AllowedNetworks allowedNetworks(JsonNode node) {
        if (node.isNull()) {
            return AllowedNetworks.anywhere();
        }
        if (!node.isArray()) {
            throw new InvalidInputException(AllowedNetworks.FIELD,
                    "allowedNetworks must be an array of networks such as [\"203.0.113.0/24\", \"2001:db8::/32\"]");
        }
        if (node.size() > AllowedNetworks.MAX_ENTRIES) {
            throw new InvalidInputException(AllowedNetworks.FIELD, "a key allows at most " + AllowedNetworks.MAX_ENTRIES
                    + " networks; " + node.size() + " were sent");
        }
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : node) {
            if (!entry.isTextual()) {
                throw new InvalidInputException(AllowedNetworks.FIELD, "allowedNetworks must be an array of strings");
            }
            entries.add(entry.asText());
        }
        return AllowedNetworks.parse(entries);
    }

    /** What an edit changes, for the audit trail. */
    static String describe(PartnerKeyEntity key, KeyEdit edit) {
        List<String> changes = new ArrayList<>();
        if (edit.name() != null) {
            changes.add("name '" + key.getName() + "' → '" + edit.name().value() + "'");
        }
        if (edit.permissions() != null) {
            changes.add("permissions " + PartnerKeys.permissionsOf(key) + " → " + sorted(edit.permissions()));
        }
        if (edit.scopes() != null) {
            changes.add("API scopes " + PartnerKeys.apiScopesOf(key) + " → " + new java.util.TreeSet<>(edit.scopes()));
        }
        if (edit.allowedNetworks() != null) {
            changes.add("allowed networks " + AllowedNetworks.fromStored(key.getAllowedNetworks()) + " → " + edit.allowedNetworks());
        }
        if (edit.changeExpiry()) {
            changes.add("expiry " + (key.getExpiresAt() == null ? "none" : java.time.Instant.ofEpochMilli(key.getExpiresAt()))
                    + " → " + (edit.expiresAt() == null ? "none" : edit.expiresAt()));
        }
        return "edited key '" + key.getName() + "': " + String.join("; ", changes);
    }

    private static Set<Permission> sorted(Set<Permission> permissions) {
        return permissions.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(permissions);
    }
}
