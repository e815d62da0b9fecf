package dev.partnertokens.api.revocation;

import java.util.Optional;
import java.util.Set;

/**
 * An entry of the revocation feed, checked and ready to judge tokens by the rules of ADR 0007: it concerns tokens
 * of its subject issued at or before {@code issuedBefore}; of those, a {@code PARTNER} or {@code TOKEN} entry refuses
 * every one, a {@code KEY} entry those the key may no longer hold (all when {@code keptScopes} is {@code null}; a
 * scope outside {@code keptScopes}; an expiry after {@code expiresNoLaterThan}).
 */
record Revocation(long seq, Kind kind, String subject, long issuedBefore, Set<String> keptScopes, Long expiresNoLaterThan,
                  long recordedAt) {

    /** What an entry concerns. */
    enum Kind { KEY, PARTNER, TOKEN }

    /** The entry, or empty when it lacks what every entry has or names a kind this API does not know. */
    static Optional<Revocation> of(RevocationEntry entry) {
        if (entry == null || entry.seq() == null || entry.kind() == null || entry.subject() == null || entry.subject().isEmpty()
                || entry.issuedBefore() == null || entry.recordedAt() == null) {
            return Optional.empty();
        }
        Kind kind;
        try {
            kind = Kind.valueOf(entry.kind());
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
        Set<String> kept = entry.scopes() == null ? null : Set.copyOf(entry.scopes().stream().filter(s -> s != null).toList());
        return Optional.of(new Revocation(entry.seq(), kind, entry.subject(), entry.issuedBefore(), kept,
                entry.expiresNoLaterThan(), entry.recordedAt()));
    }

    boolean refuses(TokenFacts token) {
        if (token.issuedAt() > issuedBefore) {
            return false;
        }
        return switch (kind) {
            case PARTNER, TOKEN -> true;
            case KEY -> keptScopes == null
                    || !keptScopes.containsAll(token.scopes())
                    || (expiresNoLaterThan != null && token.expiresAt() > expiresNoLaterThan);
        };
    }
}
