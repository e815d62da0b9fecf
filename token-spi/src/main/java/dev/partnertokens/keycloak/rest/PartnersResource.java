package dev.partnertokens.keycloak.rest;

import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.KeyUse;
import dev.partnertokens.keycloak.grant.LongLivedTokenIssuer;
import dev.partnertokens.keycloak.guard.Throttled;
import dev.partnertokens.keycloak.keys.LiveKey;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.settings.FeedSettings;
import dev.partnertokens.keycloak.settings.RealmKeySettings;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** {@code /realms/{realm}/partners}: the partner-facing endpoints of this provider. */
public final class PartnersResource {

    static final String API_SECRET_HEADER = "api-secret";
    /** The fields of refusals that are about the request as a whole, or about {@code apiKey} itself. */
    private static final Set<String> WHOLE_REQUEST_FIELDS = Set.of("body", "Content-Type", "apiKey");

    private final KeycloakSession session;
    private final FeedSettings feeds;

    PartnersResource(KeycloakSession session, FeedSettings feeds) {
        this.session = session;
        this.feeds = feeds;
    }

    /** Tells a partner's integration which realm and which provider version it is talking to. */
    @GET
    @Path("api/v2/status")
    @Produces(MediaType.APPLICATION_JSON)
    public ProviderStatus status() {
        return new ProviderStatus(session.getContext().getRealm().getName(), ProviderStatus.PROVIDER, ProviderStatus.currentVersion());
    }

    /** This API's OpenAPI 3.1 document as YAML, its server and realm those of this request. */
    @GET
    @Path("api/v2/openapi.yaml")
    @Produces(OpenApiDocument.YAML_MEDIA_TYPE)
    public String openApiYaml() {
        return OpenApiDocument.yaml(OpenApiDocument.forServer(session.getContext().getUri().getBaseUri(),
                session.getContext().getRealm().getName()));
    }

    /** The same document as JSON. */
    @GET
    @Path("api/v2/openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String openApiJson() {
        return OpenApiDocument.json(OpenApiDocument.forServer(session.getContext().getUri().getBaseUri(),
                session.getContext().getRealm().getName()));
    }

    /**
     * The partner refresh-token endpoint: header {@code api-secret}, body {@code {"apiKey": "<clientId>"}}, answer
     * {@code {"data": {"accessToken": "<JWT>", "expiresAt": <unix seconds>}}} with a token valid 7 days (realm
     * setting {@link RealmKeySettings#REFRESH_TOKEN_HOURS}) that
     * carries all of the key's scopes.
     */
    @POST
    @Path("api/v2/refresh-token")
    @Produces(MediaType.APPLICATION_JSON)
    public Response refreshToken(@Context HttpHeaders headers, InputStream body) {
        RealmModel realm = session.getContext().getRealm();
        String apiKey;
        String secret = headers.getHeaderString(API_SECRET_HEADER);
        try {
            if (secret == null || secret.isBlank()) {
                throw new InvalidInputException(API_SECRET_HEADER, "The api-secret header is required");
            }
            apiKey = apiKey(headers, body);
        } catch (InvalidInputException e) {
            return ApiErrors.invalidInput(e);
        }
        Optional<LiveKey> key;
        try {
            key = new PartnerKeys(session, realm).authenticate(apiKey, secret.trim(), KeyUse.Way.REFRESH_TOKEN_ENDPOINT);
        } catch (Throttled throttled) {
            return ApiErrors.tooManyRequests(throttled);
        }
        Optional<LongLivedTokenIssuer.IssuedToken> issued = key
                .map(live -> realm.getClientById(live.clientUuid()))
                .flatMap(client -> new LongLivedTokenIssuer(session).issue(realm, client,
                        RealmKeySettings.of(realm).refreshTokenLifespan()));
        if (issued.isEmpty()) {
            return ApiErrors.unauthorized(realm.getName(), "Invalid API key or secret");
        }
        LongLivedTokenIssuer.IssuedToken token = issued.get();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new RefreshTokenAnswer(new RefreshTokenAnswer.Data(token.jwt(), token.expiresAt())))
                .cacheControl(noStore)
                .header("Pragma", "no-cache")
                .build();
    }

    /** The revocation feed for resource servers (ADR 7): {@code ?after=<seq>&wait=<seconds>}. */
    @GET
    @Path("api/v2/revocations")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revocations(@Context HttpHeaders headers, @QueryParam("after") String after, @QueryParam("wait") String wait) {
        try {
            return new Feeds(session, feeds).revocations(headers, after, wait);
        } catch (InvalidInputException e) {
            return ApiErrors.invalidInput(e);
        }
    }

    /** The audit feed for the partner API (ADR 7): {@code ?after=<seq>&limit=<n>&wait=<seconds>}. */
    @GET
    @Path("api/v2/audit")
    @Produces(MediaType.APPLICATION_JSON)
    public Response audit(@Context HttpHeaders headers, @QueryParam("after") String after, @QueryParam("limit") String limit,
                          @QueryParam("wait") String wait) {
        try {
            return new Feeds(session, feeds).audit(headers, after, limit, wait);
        } catch (InvalidInputException e) {
            return ApiErrors.invalidInput(e);
        }
    }

    /**
     * The body's {@code apiKey}, trimmed. The body has one member, so a member of another name is taken as a misspelt
     * {@code apiKey} and reported against it.
     */
    private static String apiKey(HttpHeaders headers, InputStream body) {
        RequestBodies.RefreshTokenRequest request;
        try {
            request = JsonBodies.read(headers, body, RequestBodies.RefreshTokenRequest.class).body();
        } catch (InvalidInputException e) {
            if (WHOLE_REQUEST_FIELDS.contains(e.field())) {
                throw e;
            }
            throw new InvalidInputException("apiKey", e.getMessage());
        }
        if (request.apiKey() == null) {
            throw new InvalidInputException("apiKey", "apiKey is required");
        }
        if (request.apiKey().isBlank()) {
            throw new InvalidInputException("apiKey", RequestBodies.RefreshTokenRequest.API_KEY_RULE);
        }
        return request.apiKey().trim();
    }
}
