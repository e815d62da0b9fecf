package dev.partnertokens.keycloak.rest;

import java.io.InputStream;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.keycloak.audit.Actor;
import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.ReporterKey;
import dev.partnertokens.keycloak.scanning.ReporterKeyStore;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/partner-tokens/leak-reporter-keys}: the public keys that leak reports must be signed
 * with (docs/secret-scanning.md), in the format of GitHub's key list, so that
 * {@code curl https://api.github.com/meta/public_keys/secret_scanning} can be sent as it is.
 * <ul>
 *   <li>{@code GET} ({@code view-realm}) → {@code {"public_keys":[{"key_identifier","key"}]}};</li>
 *   <li>{@code PUT} ({@code manage-realm}) with such a list replaces every key (an empty list turns leak reports off);
 *       a key that is not ECDSA P-256 PEM is refused (400) and nothing changes.</li>
 * </ul>
 * Each change is an admin event and an entry of the provider's audit log.
 */
public final class ReporterKeysAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    ReporterKeysAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.REALM);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        auth.realm().requireViewRealm();
        return Response.ok(ReporterKeyStore.toJson(new ReporterKeyStore(realm).all()).toString())
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @PUT
    @Produces(MediaType.APPLICATION_JSON)
    public Response replace(@Context HttpHeaders headers, InputStream body) {
        auth.realm().requireManageRealm();
        List<ReporterKey> keys;
        try {
            keys = keys(JsonBodies.read(headers, body, RequestBodies.GitHubKeyList.class).body());
        } catch (InvalidInputException e) {
            return ApiErrors.invalidInput(e);
        }
        new ReporterKeyStore(realm).replace(keys);
        String username = auth.adminAuth() == null || auth.adminAuth().getUser() == null ? null
                : auth.adminAuth().getUser().getUsername();
        String sourceIp = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
        new KeyAudit(session, realm).log(KeyAudit.Action.REPORTER_KEYS, 200, Actor.adminConsole(username),
                new KeyAudit.Subject(null, null, null, null),
                keys.isEmpty() ? "removed every leak reporter key: leak reports are refused"
                        : "set the leak reporter keys: " + String.join(", ", keys.stream().map(ReporterKey::identifier).toList()),
                sourceIp, 1);
        adminEvent.operation(OperationType.UPDATE).resourcePath("partner-tokens", "leak-reporter-keys")
                .representation(ReporterKeyStore.toJson(keys)).success();
        return Response.ok(ReporterKeyStore.toJson(keys).toString()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static List<ReporterKey> keys(RequestBodies.GitHubKeyList list) {
        if (list.public_keys() == null) {
            throw new InvalidInputException("public_keys", RequestBodies.GitHubKeyList.RULE);
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (RequestBodies.GitHubKey key : list.public_keys()) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(key.key_identifier(), key.key()));
        }
        return ReporterKeyStore.of(entries);
    }
}
