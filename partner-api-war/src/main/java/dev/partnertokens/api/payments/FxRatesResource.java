package dev.partnertokens.api.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.partnertokens.api.problems.Problems;
import dev.partnertokens.api.security.RequiresScope;

/**
 * {@code GET /api/v1/fx/rates?sell=EUR&buy=USD}: the sample foreign-exchange API, open to tokens holding the API scope
 * {@code fx} (whatever their permissions), like Checkout's FX API.
 */
@Path("v1/fx/rates")
public class FxRatesResource {

    @Inject
    FxRates rates;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope("fx")
    public Response rate(@QueryParam("sell") String sell, @QueryParam("buy") String buy) {
        if (sell == null || buy == null || !sell.matches("[A-Z]{3}") || !buy.matches("[A-Z]{3}")) {
            return Problems.badRequest("sell and buy must be ISO 4217 currency codes such as EUR and USD.");
        }
        Optional<BigDecimal> rate = rates.rate(sell, buy);
        if (rate.isEmpty()) {
            return Problems.badRequest("No rate for " + sell + "/" + buy + ".");
        }
        return Response.ok(new Rate(sell, buy, rate.get().setScale(6, RoundingMode.HALF_EVEN))).build();
    }

    /** One reference rate: how much {@code buy} one unit of {@code sell} buys. */
    public record Rate(String sell, String buy, BigDecimal rate) {
    }
}
