package dev.partnertokens.api.revocation;

import java.util.List;

/**
 * One answer of the revocation feed: entries after the sequence asked for, oldest first; {@code last} the highest
 * sequence the provider knows of; {@code now} its clock in epoch milliseconds.
 */
public record RevocationPage(List<RevocationEntry> entries, Long last, Long now) {
}
