package dev.partnertokens.api.payments;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import dev.partnertokens.api.problems.Problems;
import dev.partnertokens.api.security.Permission;
import dev.partnertokens.api.security.RequiresPermission;

/** {@code /api/v1/platform-config}: read with {@code VIEW}, change with {@code MANAGE}. */
@Path("v1/platform-config")
public class PlatformConfigResource {

    @PersistenceContext(unitName = "partner-api")
    EntityManager em;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.VIEW)
    public Response read(@Context SecurityContext security) {
        Optional<String> partner = PartnerOfToken.of(security);
        if (partner.isEmpty()) {
            return Problems.forbidden("This token does not belong to a partner key.");
        }
        PlatformConfigEntity config = em.find(PlatformConfigEntity.class, partner.get());
        return config == null ? Problems.notFound("This partner has no platform configuration yet.")
                : Response.ok(config.toConfig()).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE)
    @Transactional
    public Response change(@Context SecurityContext security, PlatformConfig.Change change) {
        Optional<String> partner = PartnerOfToken.of(security);
        if (partner.isEmpty()) {
            return Problems.forbidden("This token does not belong to a partner key.");
        }
        if (change == null || !isHttpsUrl(change.webhookUrl())) {
            return Problems.badRequest("webhookUrl must be an https URL of at most 2000 characters.");
        }
        PlatformConfigEntity config = em.find(PlatformConfigEntity.class, partner.get());
        boolean isNew = config == null;
        if (isNew) {
            config = new PlatformConfigEntity(partner.get());
        }
        config.update(change.webhookUrl(), PartnerOfToken.clientId(security), Instant.now());
        if (isNew) {
            em.persist(config);
        }
        return Response.ok(config.toConfig()).build();
    }

    private static boolean isHttpsUrl(String url) {
        if (url == null || url.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return "https".equals(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
