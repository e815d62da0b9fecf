package dev.partnertokens.keycloak.adminui;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnertokens.keycloak.audit.Actor;
import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.domain.ConsoleKeyEdit;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.notify.KeyNotices;
import dev.partnertokens.keycloak.partners.Partners;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import dev.partnertokens.keycloak.persistence.PartnerKeyRepository;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.ErrorRepresentation;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /admin/realms/{realm}/pk-console}: the items of the admin console's partner-keys
 * page, answered from the {@code PARTNER_KEY} table in the shape of Keycloak's component endpoints, which the console
 * calls and {@link PartnerKeysPageRoutes} sends here. The realm and its cache are never read for a key nor written.
 * <ul>
 *   <li>{@code GET} ({@code view-realm}): the realm's keys, newest first, at most {@value #MAX_LISTED}
 *       ({@code first}, {@code max} page further; the console sends neither and searches the rows it got);</li>
 *   <li>{@code GET /{id}} ({@code view-realm}): one key, by its item id {@code Token:<uuid>};</li>
 *   <li>{@code PUT /{id}} ({@code manage-realm}): the console's Save; only Status may change, and only to REVOKED,
 *       which revokes the key;</li>
 *   <li>{@code DELETE /{id}} ({@code manage-realm}): the list's Delete, which revokes the key (its row stays).</li>
 * </ul>
 * Errors are Keycloak's {@code {"errorMessage": …}}, which the console shows. A revocation goes through
 * {@link PartnerKeys#revoke}, is audited with the administrator's name, raises Keycloak's event and an admin event,
 * and e-mails the partner's Owners.
 */
public final class PartnerKeysPageResource {

    /** Rows the list answers with at most. */
    static final int MAX_LISTED = 500;
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper ITEM_READER = JsonSerialization.mapper.copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public PartnerKeysPageResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                   AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.COMPONENT);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("parent") String parent, @QueryParam("first") String first,
                         @QueryParam("max") String max) {
        auth.realm().requireViewRealm();
        int from;
        int count;
        try {
            from = number("first", first, 0, 0, Integer.MAX_VALUE);
            count = number("max", max, MAX_LISTED, 1, MAX_LISTED);
        } catch (InvalidInputException e) {
            return badRequest(e);
        }
        if (parent != null && !parent.equals(realm.getId())) {
            return Response.ok(List.of()).build(); // items have the realm as parent, as Keycloak's components would
        }
        List<PartnerKeyEntity> keys = new PartnerKeyRepository(session, realm.getId()).newest(from, count);
        return Response.ok(new PartnerKeyItems(session, realm).of(keys)).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response item(@PathParam("id") String id) {
        auth.realm().requireViewRealm();
        return key(id).map(key -> Response.ok(new PartnerKeyItems(session, realm).of(key)).build())
                .orElseGet(PartnerKeysPageResource::notFound);
    }

    @PUT
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response save(@PathParam("id") String id, InputStream body) {
        auth.realm().requireManageRealm();
        Optional<PartnerKeyEntity> found = key(id);
        if (found.isEmpty()) {
            return notFound();
        }
        PartnerKeyEntity key = found.get();
        ConsoleKeyEdit.Outcome outcome;
        try {
            ComponentRepresentation saved = readItem(body);
            Map<String, List<String>> submitted = saved.getConfig() == null ? Map.of() : saved.getConfig();
            outcome = new ConsoleKeyEdit(new PartnerKeyItems(session, realm).fields(key), PartnerKeysPage.READ_ONLY)
                    .judge(submitted);
        } catch (InvalidInputException e) {
            return badRequest(e);
        }
        if (outcome == ConsoleKeyEdit.Outcome.REVOKE && key.getRevokedAt() == null) {
            revoke(key, "set the key's status to REVOKED on the admin console's partner-keys page");
            adminEvent.operation(OperationType.UPDATE).resourcePath(session.getContext().getUri())
                    .representation(new PartnerKeyItems(session, realm).of(key)).success();
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        auth.realm().requireManageRealm();
        Optional<PartnerKeyEntity> found = key(id);
        if (found.isEmpty()) {
            return notFound();
        }
        if (found.get().getRevokedAt() == null) {
            revoke(found.get(), "deleted the key from the admin console's partner-keys page");
            adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri()).success();
        }
        return Response.noContent().build();
    }

    private void revoke(PartnerKeyEntity key, String what) {
        Actor admin = Actor.adminConsole(auth.adminAuth() == null || auth.adminAuth().getUser() == null ? null
                : auth.adminAuth().getUser().getUsername());
        new PartnerKeys(session, realm).revoke(key, "KEY_REVOKED");
        OrganizationModel partner = Partners.byId(session, realm, key.getPartnerId());
        new KeyAudit(session, realm).request(KeyAudit.Action.REVOKE, 204, admin, new KeyAudit.Subject(key.getPartnerId(),
                partner == null ? null : partner.getAlias(), key.getId(), key.getClientId()), what + ": revoked key '"
                + key.getName() + "'");
        new KeyNotices(session, realm).revoked(key, admin);
    }

    /** The realm's key an item id names; another realm's key is not found. */
    private Optional<PartnerKeyEntity> key(String itemId) {
        return PartnerKeysPage.keyId(itemId).flatMap(new PartnerKeyRepository(session, realm.getId())::findById);
    }

    private static ComponentRepresentation readItem(InputStream body) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidInputException("body", "The body could not be read.");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new InvalidInputException("body", "The body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        if (bytes.length == 0) {
            throw new InvalidInputException("body", "The body must be the item as JSON, as the admin console sends it.");
        }
        try {
            ComponentRepresentation item = ITEM_READER.readValue(bytes, ComponentRepresentation.class);
            if (item == null) {
                throw new InvalidInputException("body", "The body must be the item as JSON, as the admin console sends it.");
            }
            return item;
        } catch (IOException e) {
            throw new InvalidInputException("body", "The body must be the item as JSON, as the admin console sends it: "
                    + "an object with config as {\"field\": [\"value\"]}.");
        }
    }

    private static int number(String name, String text, int otherwise, int min, int max) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInputException(name, name + " must be a whole number from " + min + " to " + max + ".");
    }

    private static Response badRequest(InvalidInputException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorRepresentation(e.field(), e.getMessage(), null)).build();
    }

    /** Keycloak's own answer to a component id it does not know, word for word. */
    private static Response notFound() {
        throw new NotFoundException("Could not find component");
    }
}
