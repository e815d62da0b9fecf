package dev.partnertokens.api.audit;

import java.util.List;

/** One answer of the provider's audit feed: entries after the sequence asked for, oldest first, and its last sequence. */
public record ProviderAuditPage(List<ProviderAuditEntry> entries, Long last) {
}
