package dev.partnertokens.api.identity;

import java.util.List;

/**
 * The caller as its token describes it.
 *
 * @param subject   the token's {@code sub}: the user, or the key's service account
 * @param clientId  the client (partner key) the token was issued to ({@code azp})
 * @param issuer    the realm that issued the token
 * @param scopes    the token's scopes, possibly empty
 * @param expiresAt the token's expiry, in seconds since the epoch
 */
public record Caller(String subject, String clientId, String issuer, List<String> scopes, long expiresAt) {
}
