package dev.partnertokens.keycloak.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last sequence number handed out by one feed ({@code revocations} or {@code audit}). */
@Entity
@Table(name = "PARTNER_FEED_COUNTER")
public class FeedCounterEntity {

    @Id
    @Column(name = "NAME", length = 32)
    private String name;

    @Column(name = "LAST_SEQ", nullable = false)
    private long lastSeq;

    protected FeedCounterEntity() {
    }

    long next() {
        return ++lastSeq;
    }
}
