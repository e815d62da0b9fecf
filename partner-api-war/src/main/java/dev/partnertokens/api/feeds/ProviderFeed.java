package dev.partnertokens.api.feeds;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

import dev.partnertokens.api.keys.ServiceAccountToken;
import dev.partnertokens.api.security.KeycloakUnavailableException;

/**
 * Reads one answer of a feed of the provider (ADR 0007) with the partner API's service-account token, bound by JSON-B
 * to a record. When Keycloak refuses the token (401) it is forgotten and the request is sent once more with a new one.
 */
public final class ProviderFeed implements AutoCloseable {

    private final ServiceAccountToken serviceToken;
    private final Duration timeout;
    private final HttpClient http;
    private final Jsonb jsonb = JsonbBuilder.create();

    /** @param timeout how long to wait for a connection, and for an answer on top of the long poll's own wait */
    public ProviderFeed(ServiceAccountToken serviceToken, Duration timeout) {
        this.serviceToken = serviceToken;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * The feed's answer at {@code uri}.
     *
     * @param wait the long poll's {@code wait}: the answer may take that long before the timeout starts counting
     * @throws FeedUnavailableException when there is no usable answer
     * @throws InterruptedException     when the thread is stopped while it waits
     */
    public <T> T get(URI uri, Duration wait, Class<T> answerType) throws FeedUnavailableException, InterruptedException {
        HttpResponse<String> response = send(uri, wait);
        if (response.statusCode() == 401) {
            serviceToken.forget();
            response = send(uri, wait);
        }
        if (response.statusCode() != 200) {
            throw new FeedUnavailableException(uri.getPath() + " answered " + response.statusCode()
                    + (response.statusCode() == 403 ? " (does the partner API's service account hold the feed's role?)" : ""));
        }
        try {
            T answer = jsonb.fromJson(response.body(), answerType);
            if (answer == null) {
                throw new FeedUnavailableException(uri.getPath() + " answered an empty body");
            }
            return answer;
        } catch (JsonbException e) {
            throw new FeedUnavailableException(uri.getPath() + " answered something that is not the feed's JSON");
        }
    }

    private HttpResponse<String> send(URI uri, Duration wait) throws FeedUnavailableException, InterruptedException {
        String token;
        try {
            token = serviceToken.get();
        } catch (KeycloakUnavailableException e) {
            throw new FeedUnavailableException("no service-account token: Keycloak is unreachable or refuses the partner API's credentials");
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(wait.plus(timeout))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FeedUnavailableException(uri.getPath() + " could not be read: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // Nothing held that outlives the deployment.
        }
    }
}
