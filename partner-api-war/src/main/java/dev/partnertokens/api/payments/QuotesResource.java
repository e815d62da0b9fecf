package dev.partnertokens.api.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import dev.partnertokens.api.problems.Problems;
import dev.partnertokens.api.security.Permission;
import dev.partnertokens.api.security.RequiresPermission;

/** {@code POST /api/v1/quotes}: a partner key with {@code TRANSACT} asks for a currency quote. */
@Path("v1/quotes")
public class QuotesResource {

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

    @Inject
    FxRates rates;

    @PersistenceContext(unitName = "partner-api")
    EntityManager em;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.TRANSACT)
    @Transactional
    public Response quote(@Context SecurityContext security, Quote.Request request) {
        Optional<String> partner = PartnerOfToken.of(security);
        if (partner.isEmpty()) {
            return Problems.forbidden("This token does not belong to a partner key.");
        }
        if (request == null || request.sellCurrency() == null || request.buyCurrency() == null || request.sellAmount() == null) {
            return Problems.badRequest("sellCurrency, buyCurrency and sellAmount are required.");
        }
        if (request.sellAmount().signum() <= 0 || request.sellAmount().compareTo(MAX_AMOUNT) > 0 || request.sellAmount().scale() > 2) {
            return Problems.badRequest("sellAmount must be positive, at most 1000000000, with at most 2 decimals.");
        }
        Optional<BigDecimal> rate = rates.rate(request.sellCurrency(), request.buyCurrency());
        if (rate.isEmpty()) {
            return Problems.badRequest("No rate for " + safe(request.sellCurrency()) + "/" + safe(request.buyCurrency()) + ".");
        }
        BigDecimal buyAmount = request.sellAmount().multiply(rate.get()).setScale(2, RoundingMode.HALF_EVEN);
        QuoteEntity quote = new QuoteEntity(UUID.randomUUID().toString(), partner.get(), PartnerOfToken.clientId(security),
                request, rate.get().setScale(6, RoundingMode.HALF_EVEN), buyAmount, Instant.now());
        em.persist(quote);
        return Response.created(URI.create("v1/transactions")).entity(quote.toQuote()).build();
    }

    private static String safe(String currency) {
        return currency.matches("[A-Z]{3}") ? currency : "?";
    }
}
