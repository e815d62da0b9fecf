package dev.partnertokens.keycloak.rest;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.catalogue.ApiScopeCatalogue;
import dev.partnertokens.keycloak.domain.AllowedNetworks;
import dev.partnertokens.keycloak.domain.ApiScope;
import dev.partnertokens.keycloak.domain.ApiScopes;
import dev.partnertokens.keycloak.domain.ExpiresAt;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.KeyAuthority;
import dev.partnertokens.keycloak.domain.KeyName;
import dev.partnertokens.keycloak.domain.KeyUse;
import dev.partnertokens.keycloak.domain.ListQuery;
import dev.partnertokens.keycloak.domain.Permission;
import dev.partnertokens.keycloak.domain.SecretRotation;
import dev.partnertokens.keycloak.domain.TokenId;
import dev.partnertokens.keycloak.keys.CreatedKey;
import dev.partnertokens.keycloak.keys.KeyEdit;
import dev.partnertokens.keycloak.keys.KeyPage;
import dev.partnertokens.keycloak.keys.NewKey;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.notify.KeyNotices;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import dev.partnertokens.keycloak.partners.PartnerSettings;
import dev.partnertokens.keycloak.partners.Partners;
import dev.partnertokens.keycloak.settings.TokensApiSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/tokens}: the permissioned tokens API. Who may do what is {@link KeyAuthority}'s to decide;
 * another partner's key, a revoked and an expired key are not found rather than forbidden. Every create, edit and
 * revoke, allowed or refused, and every other refusal of a known caller, is written to the audit trail
 * ({@link TokensRequest}).
 */
public final class TokensResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TokensApiSettings settings;

    TokensResource(KeycloakSession session, TokensApiSettings settings) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.settings = settings;
    }

    @POST
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@Context HttpHeaders headers, @Context UriInfo uri, InputStream body) {
        return new TokensRequest(session, realm, settings, headers, KeyAudit.Action.CREATE).answer(request -> {
            TokensCaller caller = request.caller();
            NewKey key = newKey(JsonBodies.read(headers, body, RequestBodies.KeyFields.class).body(), caller, new ApiScopeCatalogue(realm).scopes());
            PartnerSettings.expiryPolicy(realm, Partners.byId(session, realm, caller.partnerId()))
                    .check(key.expiresAt() == null ? null : key.expiresAt().instant(), Clock.systemUTC());
            caller.authority().checkMayCreate(key.permissions(), key.scopes(), key.expiresAt() == null ? null : key.expiresAt().instant());
            caller.authority().checkMayAllowNetworks(null, key.allowedNetworks());
            CreatedKey created = new PartnerKeys(session, realm).create(key);
            request.concerns(created.key());
            new KeyNotices(session, realm).created(created.key(), caller.actor());
            request.detail("created key '" + created.key().getName() + "' with " + PartnerKeys.permissionsOf(created.key())
                    + (key.scopes().isEmpty() ? "" : " and API scopes " + PartnerKeys.apiScopesOf(created.key()))
                    + (key.expiresAt() == null ? ", no expiry" : ", expiring " + key.expiresAt())
                    + (key.allowedNetworks().isAnywhere() ? "" : ", allowed from " + key.allowedNetworks()));
            URI location = uri.getBaseUriBuilder().path("realms").path(realm.getName()).path("tokens")
                    .path("Token:" + created.key().getId()).build();
            return Response.created(location).cacheControl(noStore())
                    .entity(view(created.key(), created.secret().value())).build();
        });
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@Context HttpHeaders headers, @Context UriInfo uri) {
        return new TokensRequest(session, realm, settings, headers, KeyAudit.Action.LIST).answer(request -> {
            request.caller().authority().checkMayRead();
            ListQuery query = ListQuery.parse(Map.copyOf(uri.getQueryParameters()), PartnerKeys.CURSORS);
            PartnerKeys keys = new PartnerKeys(session, realm);
            KeyPage page = keys.list(request.caller().partnerId(), query);
            long soon = keys.expiringSoonUntil();
            Map<String, KeyUse> uses = keys.lastUses(page.keys());
            return Response.ok(new TokenList(page.keys().stream().map(key -> TokenView.of(key, null, soon, uses.get(key.getId())))
                    .toList(), page.hasMore(),
                    page.nextCursor(), page.totalCount())).cacheControl(noStore()).build();
        });
    }

    /**
     * The API scopes of the catalogue this caller may put on a key ({@link KeyAuthority#grantableScopes}): for a person
     * or a platform administrator those the partner may hold, for a key those it holds itself within them. Reading
     * them needs what reading keys needs.
     */
    @GET
    @Path("api-scopes")
    @Produces(MediaType.APPLICATION_JSON)
    public Response grantableApiScopes(@Context HttpHeaders headers) {
        return new TokensRequest(session, realm, settings, headers, KeyAudit.Action.LIST).answer(request -> {
            KeyAuthority authority = request.caller().authority();
            authority.checkMayRead();
            List<ApiScope> offered = new ApiScopeCatalogue(realm).scopes().among(authority.grantableScopes());
            return Response.ok(GrantableApiScopes.of(offered)).cacheControl(noStore()).build();
        });
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response read(@Context HttpHeaders headers, @PathParam("id") String id) {
        return new TokensRequest(session, realm, settings, headers, KeyAudit.Action.VIEW).answer(request -> {
            request.caller().authority().checkMayRead();
            PartnerKeyEntity key = request.target(TokenId.parse(id));
            return Response.ok(view(key, null)).cacheControl(noStore()).build();
        });
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@Context HttpHeaders headers, @PathParam("id") String id) {
        return new TokensRequest(session, realm, settings, headers, KeyAudit.Action.REVOKE).answer(request -> {
            PartnerKeyEntity key = request.target(TokenId.parse(id));
            request.caller().authority().checkMayRevoke(TokensRequest.targetOf(key));
            new PartnerKeys(session, realm).revoke(key, "KEY_REVOKED");
            request.detail("revoked key '" + key.getName() + "'");
            new KeyNotices(session, realm).revoked(key, request.caller().actor());
            return Response.noContent().build();
        });
    }

    /**
     * Edits a key's name, permissions, API scopes, expiry ({@code "expiresAt": null} clears it) and/or allowed networks;
     * see {@link KeyEdits}.
     */
    @PATCH
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response edit(@Context HttpHeaders headers, @PathParam("id") String id, InputStream body) {
        return new TokensRequest(session, realm, settings, headers, KeyAudit.Action.EDIT).answer(request -> {
            TokenId tokenId = TokenId.parse(id);
            KeyEdit edit = KeyEdits.of(JsonBodies.read(headers, body, RequestBodies.KeyFields.class), new ApiScopeCatalogue(realm).scopes());
            PartnerKeyEntity key = request.target(tokenId);
            if (edit.changeExpiry()) {
                PartnerSettings.expiryPolicy(realm, Partners.byId(session, realm, request.caller().partnerId()))
                        .check(edit.expiresAt() == null ? null : edit.expiresAt().instant(), Clock.systemUTC());
            }
            request.caller().authority().checkMayEdit(TokensRequest.targetOf(key), edit.permissions(), edit.scopes(), edit.changeExpiry(),
                    edit.expiresAt() == null ? null : edit.expiresAt().instant());
            if (edit.allowedNetworks() != null) {
                request.caller().authority().checkMayAllowNetworks(TokensRequest.targetOf(key), edit.allowedNetworks());
            }
            request.detail(KeyEdits.describe(key, edit));
            PartnerKeyEntity edited = new PartnerKeys(session, realm).edit(key, edit);
            return Response.ok(view(edited, null)).cacheControl(noStore()).build();
        });
    }

    /**
     * Rotates a key's secret ("roll key"): body (optional) {@code {"overlapSeconds": 0..604800, "revokeOldTokens":
     * bool}}; answers like create, with the new {@code clientSecret}, shown only now. See {@link SecretRotation}.
     */
    @POST
    @Path("{id}/rotate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(@Context HttpHeaders headers, @PathParam("id") String id, InputStream body) {
        return new TokensRequest(session, realm, settings, headers, KeyAudit.Action.ROTATE).answer(request -> {
            TokenId tokenId = TokenId.parse(id);
            SecretRotation rotation = rotation(JsonBodies.readOptional(headers, body, RequestBodies.Rotation.class).body());
            PartnerKeyEntity key = request.target(tokenId);
            request.caller().authority().checkMayRotate(TokensRequest.targetOf(key));
            PartnerKeys keys = new PartnerKeys(session, realm);
            CreatedKey rotated = keys.rotate(key, rotation);
            request.detail("rotated the secret of key '" + key.getName() + "'; "
                    + (rotation.overlap().isZero() ? "the old secret no longer works"
                    : "the old secret works until " + java.time.Instant.ofEpochMilli(key.getOldSecretUntil()))
                    + (rotation.revokeOldTokens() ? "; tokens issued before are revoked" : "; tokens issued before keep their life"));
            return Response.ok(view(rotated.key(), rotated.secret().value())).cacheControl(noStore()).build();
        });
    }

    /** Ends a rotation's overlap now: the old secret is refused from now on (409 when no old secret works). */
    @POST
    @Path("{id}/end-overlap")
    @Produces(MediaType.APPLICATION_JSON)
    public Response endOverlap(@Context HttpHeaders headers, @PathParam("id") String id) {
        return new TokensRequest(session, realm, settings, headers, KeyAudit.Action.ROTATE).answer(request -> {
            PartnerKeyEntity key = request.target(TokenId.parse(id));
            request.caller().authority().checkMayRotate(TokensRequest.targetOf(key));
            PartnerKeys keys = new PartnerKeys(session, realm);
            if (!keys.endOverlap(key)) {
                throw new TokensRequest.Conflict("Key '" + key.getName() + "' has no old secret that still works");
            }
            request.detail("ended the overlap of key '" + key.getName() + "': its old secret no longer works");
            return Response.ok(view(key, null)).cacheControl(noStore()).build();
        });
    }

    private TokenView view(PartnerKeyEntity key, String secret) {
        PartnerKeys keys = new PartnerKeys(session, realm);
        return TokenView.of(key, secret, keys.expiringSoonUntil(), keys.lastUse(key).orElse(null));
    }

    private static SecretRotation rotation(RequestBodies.Rotation body) {
        return SecretRotation.of(body.overlapSeconds(), body.revokeOldTokens());
    }

    private static NewKey newKey(RequestBodies.KeyFields body, TokensCaller caller, ApiScopes catalogue) {
        if (body.name() == null) {
            throw new InvalidInputException("name", "name is required");
        }
        if (body.permissions() == null) {
            throw new InvalidInputException("permissions", "permissions is required");
        }
        Set<Permission> rights = Permission.parseAll(body.permissions());
        ExpiresAt expiry = body.expiresAt() == null ? null : ExpiresAt.parse(body.expiresAt(), Clock.systemUTC());
        Set<String> apiScopes = body.scopes() == null ? Set.of() : catalogue.parseRequested(body.scopes());
        AllowedNetworks allowed = KeyEdits.allowedNetworks(body.allowedNetworks());
        return new NewKey(caller.partnerId(), new KeyName(body.name()), rights, expiry, caller.name(), apiScopes, allowed);
    }

    static String quoted(String field) {
        String shown = field.length() > 40 ? field.substring(0, 40) + "…" : field;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        return cacheControl;
    }
}
