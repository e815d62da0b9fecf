package dev.partnertokens.keycloak.rest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
 * allowlist), bound to {@link RequestBodies.KeyFields} and validated as on create.
 */
final class KeyEdits {

    static final String EXPECTED_FIELDS = "name, permissions, scopes, expiresAt, allowedNetworks";

    private KeyEdits() {
    }

    /** The edit a {@code PATCH} body asks for; a member sent as {@code null} clears what it can clear. */
    static KeyEdit of(JsonBodies.Sent<RequestBodies.KeyFields> sent, ApiScopes catalogue) {
        if (sent.members().isEmpty()) {
            throw new InvalidInputException("body", "Name at least one of " + EXPECTED_FIELDS + " to change");
        }
        RequestBodies.KeyFields body = sent.body();
        if (sent.has("name") && body.name() == null) {
            throw new InvalidInputException("name", "name must be a string");
        }
        if (sent.has("permissions") && body.permissions() == null) {
            throw new InvalidInputException("permissions", "permissions must be an array of VIEW, TRANSACT, MANAGE");
        }
        if (sent.has(ApiScopes.FIELD) && body.scopes() == null) {
            throw new InvalidInputException(ApiScopes.FIELD, "scopes must be an array of API scope names such as [\"gateway\"]");
        }
        KeyName name = body.name() == null ? null : new KeyName(body.name());
        Set<Permission> permissions = body.permissions() == null ? null : Permission.parseAll(body.permissions());
        ExpiresAt expiry = body.expiresAt() == null ? null : ExpiresAt.parse(body.expiresAt(), Clock.systemUTC());
        Set<String> scopes = body.scopes() == null ? null : catalogue.parseRequested(body.scopes());
        AllowedNetworks networks = sent.has(AllowedNetworks.FIELD) ? allowedNetworks(body.allowedNetworks()) : null;
        return new KeyEdit(name, permissions, sent.has("expiresAt"), expiry, scopes, networks);
    }

    /**
     * An {@code allowedNetworks} member of a request body: IPv4/IPv6 networks or addresses; {@code null} or {@code []}
     * for none (the key may be used from anywhere).
     */
    static AllowedNetworks allowedNetworks(List<String> entries) {
        if (entries == null) {
            return AllowedNetworks.anywhere();
        }
        if (entries.size() > AllowedNetworks.MAX_ENTRIES) {
            throw new InvalidInputException(AllowedNetworks.FIELD, "a key allows at most " + AllowedNetworks.MAX_ENTRIES
                    + " networks; " + entries.size() + " were sent");
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
