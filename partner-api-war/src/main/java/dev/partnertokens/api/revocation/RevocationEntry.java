package dev.partnertokens.api.revocation;

import java.util.List;

/**
 * One entry of the provider's revocation feed, as it is on the wire (ADR 0007).
 *
 * @param kind               {@code KEY}, {@code PARTNER} or {@code TOKEN}
 * @param subject            the key's client id (a token's {@code azp}), the Organization id ({@code partner_id}) or a
 *                           token's {@code jti}
 * @param issuedBefore       epoch seconds: the entry concerns tokens with {@code iat} at or before it
 * @param scopes             for {@code KEY}: the scopes earlier tokens may still hold; {@code null}: none
 * @param expiresNoLaterThan for {@code KEY}: epoch seconds after which no earlier token may expire; {@code null}: no limit
 * @param recordedAt         epoch milliseconds, the provider's clock
 */
public record RevocationEntry(Long seq, String kind, String subject, String partnerId, Long issuedBefore, List<String> scopes,
                              Long expiresNoLaterThan, String reason, Long recordedAt) {
}
