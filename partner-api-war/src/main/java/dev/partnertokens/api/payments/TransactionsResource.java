package dev.partnertokens.api.payments;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import dev.partnertokens.api.problems.Problems;
import dev.partnertokens.api.security.Permission;
import dev.partnertokens.api.security.RequiresPermission;

/** {@code GET /api/v1/transactions}: a partner key with {@code VIEW} reads its partner's latest quotes. */
@Path("v1/transactions")
public class TransactionsResource {

    @PersistenceContext(unitName = "partner-api")
    EntityManager em;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.VIEW)
    public Response list(@Context SecurityContext security) {
        Optional<String> partner = PartnerOfToken.of(security);
        if (partner.isEmpty()) {
            return Problems.forbidden("This token does not belong to a partner key.");
        }
        List<Quote> quotes = em.createQuery("select q from QuoteEntity q where q.partnerId = :partner order by q.createdAt desc",
                        QuoteEntity.class)
                .setParameter("partner", partner.get())
                .setMaxResults(50)
                .getResultStream().map(QuoteEntity::toQuote).toList();
        return Response.ok(new Transactions(quotes)).build();
    }

    /** The answer: the partner's 50 latest quotes, newest first. */
    public record Transactions(List<Quote> data) {
    }
}
