package dev.partnertokens.api.payments;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A currency quote a partner asked for through the sample payments API. */
@Entity
@Table(name = "PARTNER_API_QUOTE")
public class QuoteEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 36)
    private String partnerId;

    @Column(nullable = false)
    private String keyClientId;

    @Column(nullable = false, length = 3)
    private String sellCurrency;

    @Column(nullable = false, length = 3)
    private String buyCurrency;

    @Column(nullable = false, precision = 19, scale = 2)
    private BigDecimal sellAmount;

    @Column(nullable = false, precision = 19, scale = 6)
    private BigDecimal rate;

    @Column(nullable = false, precision = 19, scale = 2)
    private BigDecimal buyAmount;

    @Column(nullable = false)
    private Instant createdAt;

    protected QuoteEntity() {
    }

    QuoteEntity(String id, String partnerId, String keyClientId, Quote.Request request, BigDecimal rate, BigDecimal buyAmount,
                Instant createdAt) {
        this.id = id;
        this.partnerId = partnerId;
        this.keyClientId = keyClientId;
        this.sellCurrency = request.sellCurrency();
        this.buyCurrency = request.buyCurrency();
        this.sellAmount = request.sellAmount();
        this.rate = rate;
        this.buyAmount = buyAmount;
        this.createdAt = createdAt;
    }

    Quote toQuote() {
        return new Quote(id, keyClientId, sellCurrency, buyCurrency, sellAmount, rate, buyAmount, createdAt.toString());
    }
}
