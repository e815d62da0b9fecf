package dev.partnertokens.api.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.partnertokens.api.revocation.RevocationList;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets a partner call with HTTP Basic {@code clientId:clientSecret}: the credentials are exchanged with Keycloak
 * (client credentials grant) and what Keycloak answered is kept (at most {@value #MAX_CACHED} answers) under the
 * client id, a SHA-256 of the whole pair (never the secret itself) and the caller's address:
 * <ul>
 *   <li>a token, until {@value #EARLY_EXPIRY_SECONDS} seconds before it expires;</li>
 *   <li>a refusal, for {@code partner-api.keycloak.refused-memory-seconds} (default {@value #DEFAULT_REFUSED_MEMORY_SECONDS}):
 *       a wrong pair repeated costs Keycloak one call, not one per request;</li>
 *   <li>Keycloak's brute-force throttle (429), until its {@code Retry-After} ends: the caller gets 429 with the seconds
 *       left, and Keycloak is not asked meanwhile.</li>
 * </ul>
 * Identical exchanges that arrive while one is under way wait for it: N concurrent requests with the same pair from
 * the same address make one call to Keycloak. Keeping answers per address means a pair that Keycloak accepted from an
 * address a key's IP allowlist includes is exchanged again, and refused, from any other address. Whenever the revocation feed brings an entry about a key, everything
 * kept for that key is forgotten, so its credentials are exchanged again, and Keycloak refuses a revoked key.
 */
@ApplicationScoped
public class ClientCredentialsExchange {

    static final long EARLY_EXPIRY_SECONDS = 30;
    static final int MAX_CACHED = 10_000;
    static final long DEFAULT_REFUSED_MEMORY_SECONDS = 10;

    @Inject
    KeycloakTokenEndpoint keycloak;

    @Inject
    RevocationList revocations;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.refused-memory-seconds", defaultValue = "" + DEFAULT_REFUSED_MEMORY_SECONDS)
    long refusedMemorySeconds = DEFAULT_REFUSED_MEMORY_SECONDS;

    private final AsyncCache<Credentials, Answer> answers = Caffeine.newBuilder()
            .maximumSize(MAX_CACHED)
            .expireAfter(Expiry.<Credentials, Answer>writing((credentials, answer) -> positive(Duration.between(Instant.now(),
                    answer.keptUntil(refusedMemorySeconds)))))
            .buildAsync();

    @PostConstruct
    void followRevocations() {
        revocations.onKeyEntry(this::forgetKey);
    }

    /**
     * A token for these credentials from this address, or empty when Keycloak refuses them.
     *
     * @param clientAddress the caller's address, part of what is kept: an answer for one address is never another's
     * @throws KeycloakUnavailableException when Keycloak cannot be reached or answers with a server error
     * @throws ThrottledByKeycloakException when Keycloak's brute-force guard throttles them (429)
     */
    public Optional<String> tokenFor(String basicPair, String clientAddress) {
        Credentials credentials = Credentials.of(basicPair, clientAddress);
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> kept = answers.asMap().putIfAbsent(credentials, mine);
        Answer answer;
        if (kept == null) {
            answer = exchange(basicPair, credentials, mine);
        } else {
            answer = await(kept);
        }
        return answer.token(Instant.now());
    }

    /** Asks Keycloak, on the caller's thread, and hands the answer to those who wait for it. */
    private Answer exchange(String basicPair, Credentials credentials, CompletableFuture<Answer> mine) {
        Answer answer;
        try {
            answer = Answer.of(keycloak.clientCredentials(basicPair, credentials.clientAddressOrNull()));
        } catch (ThrottledByKeycloakException throttled) {
            answer = Answer.throttledFor(throttled.retryAfterSeconds());
        } catch (RuntimeException unavailable) {
            answers.asMap().remove(credentials, mine); // nothing to keep: the next request asks again
            mine.completeExceptionally(unavailable);
            throw unavailable;
        }
        mine.complete(answer);
        return answer;
    }

    private static Answer await(CompletableFuture<Answer> kept) {
        try {
            return kept.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Forgets what is kept for these credentials (the revocation list refused its token), from every address. */
    public void forget(String basicPair) {
        String pairHash = sha256(basicPair);
        answers.asMap().keySet().removeIf(credentials -> credentials.pairHash().equals(pairHash));
    }

    /** Forgets everything kept for the key with this client id. */
    public void forgetKey(String clientId) {
        answers.asMap().keySet().removeIf(credentials -> credentials.clientId().equals(clientId));
    }

    /** How many answers are kept (for tests). */
    long size() {
        answers.synchronous().cleanUp();
        return answers.synchronous().estimatedSize();
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /** What Keycloak answered: a token, a refusal ({@code token} and {@code throttledUntil} null), or a throttle. */
    private record Answer(KeycloakTokenEndpoint.IssuedToken token, Instant throttledUntil, Instant at) {

        static Answer of(Optional<KeycloakTokenEndpoint.IssuedToken> issued) {
            return new Answer(issued.orElse(null), null, Instant.now());
        }

        static Answer throttledFor(long seconds) {
            return new Answer(null, Instant.now().plusSeconds(seconds), Instant.now());
        }

        Instant keptUntil(long refusedMemorySeconds) {
            if (token != null) {
                return token.usableUntil(EARLY_EXPIRY_SECONDS);
            }
            return throttledUntil != null ? throttledUntil : at.plusSeconds(refusedMemorySeconds);
        }

        Optional<String> token(Instant now) {
            if (throttledUntil != null) {
                throw new ThrottledByKeycloakException((Duration.between(now, throttledUntil).toMillis() + 999) / 1000);
            }
            return Optional.ofNullable(token).map(KeycloakTokenEndpoint.IssuedToken::accessToken);
        }
    }

    /** A key's client id (as Keycloak reads it: form-urlencoded), the SHA-256 of the whole Basic pair, the caller's address. */
    private record Credentials(String clientId, String pairHash, String clientAddress) {

        static Credentials of(String basicPair, String clientAddress) {
            String encodedId = basicPair.substring(0, Math.max(0, basicPair.indexOf(':')));
            String clientId;
            try {
                clientId = URLDecoder.decode(encodedId, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                clientId = encodedId;
            }
            return new Credentials(clientId, sha256(basicPair), clientAddress == null ? "" : clientAddress);
        }

        /** The address to tell Keycloak, none when this server did not know it. */
        String clientAddressOrNull() {
            return clientAddress.isEmpty() ? null : clientAddress;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
