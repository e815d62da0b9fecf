package dev.partnertokens.api.keys;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * The provider's tokens API ({@code <issuer>/tokens}) as MicroProfile REST Client, built by {@link TokensApi}. Every
 * call carries the partner API's service-account token and names the partner ({@code X-Partner}) and the person
 * ({@code X-Acting-User}) it acts for. A key is passed through as the JSON object the provider wrote, so fields the
 * provider adds reach the dashboard without a change here. A refusal is a {@link TokensApiRefusal}.
 */
@Produces(MediaType.APPLICATION_JSON)
@RegisterProvider(TokensApiRefusal.Mapper.class)
public interface TokensApiClient {

    @GET
    KeyPage list(@HeaderParam("Authorization") String bearer, @HeaderParam("X-Partner") String partner,
                 @HeaderParam("X-Acting-User") String actingUser,
                 @QueryParam("name") String name, @QueryParam("createdAfter") String createdAfter,
                 @QueryParam("createdBefore") String createdBefore, @QueryParam("updatedAfter") String updatedAfter,
                 @QueryParam("updatedBefore") String updatedBefore, @QueryParam("limit") String limit,
                 @QueryParam("cursor") String cursor, @QueryParam("scope") List<String> scope,
                 @QueryParam("expiringSoon") String expiringSoon);

    /** The API scopes of the realm's catalogue the acting person may put on a key: {@code {"data": [{name, description}]}}. */
    @GET
    @Path("api-scopes")
    JsonObject grantableApiScopes(@HeaderParam("Authorization") String bearer, @HeaderParam("X-Partner") String partner,
                                  @HeaderParam("X-Acting-User") String actingUser);

    @GET
    @Path("{id}")
    JsonObject view(@HeaderParam("Authorization") String bearer, @HeaderParam("X-Partner") String partner,
                    @HeaderParam("X-Acting-User") String actingUser, @PathParam("id") String id);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    JsonObject create(@HeaderParam("Authorization") String bearer, @HeaderParam("X-Partner") String partner,
                      @HeaderParam("X-Acting-User") String actingUser, JsonObject key);

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonObject edit(@HeaderParam("Authorization") String bearer, @HeaderParam("X-Partner") String partner,
                    @HeaderParam("X-Acting-User") String actingUser, @PathParam("id") String id, JsonObject changes);

    @DELETE
    @Path("{id}")
    void revoke(@HeaderParam("Authorization") String bearer, @HeaderParam("X-Partner") String partner,
                @HeaderParam("X-Acting-User") String actingUser, @PathParam("id") String id);

    @POST
    @Path("{id}/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonObject rotate(@HeaderParam("Authorization") String bearer, @HeaderParam("X-Partner") String partner,
                      @HeaderParam("X-Acting-User") String actingUser, @PathParam("id") String id, JsonObject rotation);

    @POST
    @Path("{id}/end-overlap")
    JsonObject endOverlap(@HeaderParam("Authorization") String bearer, @HeaderParam("X-Partner") String partner,
                          @HeaderParam("X-Acting-User") String actingUser, @PathParam("id") String id);
}
