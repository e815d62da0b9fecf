package dev.partnertokens.api.keys;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.partnertokens.api.audit.ReachedProvider;
import dev.partnertokens.api.security.DashboardUser;
import dev.partnertokens.api.security.KeycloakUnavailableException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The provider's tokens API ({@code <issuer>/tokens}), called with the partner API's own service-account token,
 * acting for one dashboard user: {@code X-Partner} names their partner, {@code X-Acting-User} them. Every call
 * gives up after {@code partner-api.keycloak.timeout-seconds}. An answer it passes on is noted in
 * {@link ReachedProvider}: the provider has then audited the action itself.
 */
@ApplicationScoped
public class TokensApi {

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.tokens-url")
    Optional<String> configuredTokensUrl;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.timeout-seconds", defaultValue = "5")
    long timeoutSeconds;

    @Inject
    ServiceAccountToken serviceToken;

    @Inject
    ReachedProvider reachedProvider;

    private HttpClient http;
    private String tokensUrl;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        tokensUrl = configuredTokensUrl.orElse(issuer + "/tokens");
    }

    /** Status and JSON body of the tokens API's answer. */
    public record Answer(int status, String body) {
    }

    /**
     * Sends one request to the tokens API.
     *
     * @param path     empty for the collection, {@code /<id>} for one key (already checked to be safe)
     * @param rawQuery the caller's raw query string, or {@code null}
     * @param body     JSON, or {@code null}
     * @throws KeycloakUnavailableException when Keycloak cannot be reached in time or answers with a server error
     */
    public Answer send(DashboardUser user, String method, String path, String rawQuery, String body) {
        Answer answer = sendOnce(user, method, path, rawQuery, body);
        if (answer.status() == 401) {
            serviceToken.forget();
            answer = sendOnce(user, method, path, rawQuery, body);
        }
        if (answer.status() >= 500 || answer.status() == 401) {
            throw new KeycloakUnavailableException();
        }
        reachedProvider.mark();
        return answer;
    }

    private Answer sendOnce(DashboardUser user, String method, String path, String rawQuery, String body) {
        URI uri = URI.create(tokensUrl + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Authorization", "Bearer " + serviceToken.get())
                .header("X-Partner", user.partner())
                .header("X-Acting-User", user.username())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakUnavailableException();
        } catch (IOException | IllegalArgumentException e) {
            throw new KeycloakUnavailableException();
        }
    }
}
