package dev.partnertokens.api.payments;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reference rates of the sample payments API, from MicroProfile Config {@code partner-api.fx.rates}
 * ({@code EUR/USD=1.08,GBP/USD=1.27,...}); the inverse of every pair is derived.
 */
@ApplicationScoped
public class FxRates {

    @Inject
    @ConfigProperty(name = "partner-api.fx.rates")
    String configured;

    private final Map<String, BigDecimal> rates = new HashMap<>();

    @PostConstruct
    void parse() {
        for (String entry : configured.split(",")) {
            String[] pairAndRate = entry.trim().split("=");
            String[] currencies = pairAndRate[0].trim().split("/");
            BigDecimal rate = new BigDecimal(pairAndRate[1].trim());
            rates.put(currencies[0] + "/" + currencies[1], rate);
            rates.put(currencies[1] + "/" + currencies[0], BigDecimal.ONE.divide(rate, MathContext.DECIMAL64));
        }
    }

    public Optional<BigDecimal> rate(String sell, String buy) {
        return Optional.ofNullable(rates.get(sell + "/" + buy));
    }
}
