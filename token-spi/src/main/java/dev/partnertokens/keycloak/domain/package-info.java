/**
 * The rules of partner keys, free of Keycloak: secret format, secret hashing, permissions,
 * key names, public ids, list queries and pagination cursors.
 *
 * <p>Nothing here imports Keycloak or any library outside the JDK, so every rule is unit-tested on
 * its own. Encodings used: base64url without padding (RFC 4648 §5), SHA-256 (FIPS 180-4),
 * HMAC-SHA-256 (RFC 2104), ISO-8601 instants as read by {@link java.time.Instant#parse}.
 *
 * <p>Bad input from a client is reported as {@link dev.partnertokens.keycloak.domain.InvalidInputException},
 * which names the offending field so the REST layer can answer {@code 400 INVALID_INPUT}. Messages
 * never contain a secret. Unless a method says otherwise, {@code null} arguments are programming
 * errors and throw {@link java.lang.NullPointerException}.
 */
package dev.partnertokens.keycloak.domain;
