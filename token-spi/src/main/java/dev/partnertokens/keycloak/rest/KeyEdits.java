package dev.partnertokens.keycloak.rest;

import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.keycloak.domain.ExpiresAt;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.KeyName;
import dev.partnertokens.keycloak.domain.Permission;
import dev.partnertokens.keycloak.domain.TokenId;
import dev.partnertokens.keycloak.keys.KeyEdit;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code PATCH /realms/{realm}/tokens/{id}} with any of {@code name}, {@code permissions}, {@code expiresAt}
 * ({@code null} clears the expiry), validated as on create. Needs MANAGE; nobody grants a right they do not hold;
 * another partner's key is not found.
 */
final class KeyEdits {

    private static final Set<String> FIELDS = Set.of("name", "permissions", "expiresAt");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TokensCaller caller;

    KeyEdits(KeycloakSession session, RealmModel realm, TokensCaller caller) {
        this.session = session;
        this.realm = realm;
        this.caller = caller;
    }

    Response edit(HttpHeaders headers, String id, InputStream body) {
        if (!caller.mayManage()) {
            return ApiErrors.forbidden("Editing tokens needs the MANAGE permission");
        }
        TokenId tokenId;
        KeyEdit edit;
        try {
            tokenId = TokenId.parse(id);
            edit = parse(JsonBodies.readObject(headers, body));
        } catch (InvalidInputException e) {
            return ApiErrors.invalidInput(e);
        }
        if (edit.permissions() != null && !caller.mayGrant(edit.permissions())) {
            return ApiErrors.forbidden("A token cannot grant permissions it does not hold");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return new PartnerKeys(session, realm).edit(caller.partnerId(), tokenId, edit)
                .map(key -> Response.ok(TokenView.of(key)).cacheControl(noStore).build())
                .orElseGet(ApiErrors::tokenNotFound);
    }

    static KeyEdit parse(ObjectNode body) {
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!FIELDS.contains(field)) {
                String shown = field.length() > 40 ? field.substring(0, 40) + "…" : field;
                throw new InvalidInputException(field, "Unknown field '" + shown.replaceAll("\\p{Cntrl}", "?")
                        + "'; expected name, permissions, expiresAt");
            }
        }
        if (body.isEmpty()) {
            throw new InvalidInputException("body", "Name at least one of name, permissions, expiresAt to change");
        }
        KeyName name = null;
        JsonNode nameNode = body.get("name");
        if (nameNode != null) {
            if (!nameNode.isTextual()) {
                throw new InvalidInputException("name", "name must be a string");
            }
            name = new KeyName(nameNode.asText());
        }
        Set<Permission> permissions = null;
        JsonNode permissionsNode = body.get("permissions");
        if (permissionsNode != null) {
            if (!permissionsNode.isArray()) {
                throw new InvalidInputException("permissions", "permissions must be an array of VIEW, TRANSACT, MANAGE");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode permission : permissionsNode) {
                if (!permission.isTextual()) {
                    throw new InvalidInputException("permissions", "permissions must be an array of strings");
                }
                names.add(permission.asText());
            }
            permissions = Permission.parseAll(names);
        }
        JsonNode expiresNode = body.get("expiresAt");
        ExpiresAt expiry = null;
        if (expiresNode != null && !expiresNode.isNull()) {
            if (!expiresNode.isTextual()) {
                throw new InvalidInputException("expiresAt", "expiresAt must be an ISO-8601 instant such as 2027-01-31T00:00:00Z, or null");
            }
            expiry = ExpiresAt.parse(expiresNode.asText(), Clock.systemUTC());
        }
        return new KeyEdit(name, permissions, expiresNode != null, expiry);
    }
}
