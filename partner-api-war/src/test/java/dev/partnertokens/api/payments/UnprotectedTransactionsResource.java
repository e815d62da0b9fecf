package dev.partnertokens.api.payments;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Benchmark only, never in the product: {@link TransactionsResource} without its token check (the partner comes
 * from a header instead of the token), added to a copy of the WAR by the protected-endpoint benchmark.
 */
@Path("v1/benchmark/unprotected-transactions")
public class UnprotectedTransactionsResource {

    @PersistenceContext(unitName = "partner-api")
    EntityManager em;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@HeaderParam("X-Partner-Id") String partner) {
        List<Quote> quotes = em.createQuery("select q from QuoteEntity q where q.partnerId = :partner order by q.createdAt desc",
                        QuoteEntity.class)
                .setParameter("partner", partner == null ? "" : partner)
                .setMaxResults(50)
                .getResultStream().map(QuoteEntity::toQuote).toList();
        return Response.ok(new TransactionsResource.Transactions(quotes)).build();
    }
}
