package dev.partnertokens.api.audit;

import java.util.List;

/** One page of audit entries, newest first; {@code nextCursor} is {@code null} on the last page. */
public record AuditPage(List<AuditEntry> data, boolean hasMore, String nextCursor) {
}
