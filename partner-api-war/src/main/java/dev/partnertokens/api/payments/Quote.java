package dev.partnertokens.api.payments;

import java.math.BigDecimal;

/**
 * A quote as the API shows it.
 *
 * @param keyClientId the partner key that asked for it
 */
public record Quote(String id, String keyClientId, String sellCurrency, String buyCurrency, BigDecimal sellAmount,
                    BigDecimal rate, BigDecimal buyAmount, String createdAt) {

    /** {@code POST /api/v1/quotes}: sell {@code sellAmount} of {@code sellCurrency} for {@code buyCurrency}. */
    public record Request(String sellCurrency, String buyCurrency, BigDecimal sellAmount) {
    }
}
