package dev.partnertokens.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * One way to get a token, as one reusable request: a grant succeeds when Keycloak answers 200.
 *
 * @param label      {@code (a)}, {@code (b)} or {@code (c)}
 * @param name       what is measured, for the report
 * @param request    the request every worker sends, again and again
 * @param tokenField the field the answer must carry, checked once before measuring
 * @param before     run before each warm-up and measurement of the scenario (a realm setting it needs)
 */
record Scenario(String label, String name, HttpRequest request, String tokenField, Runnable before) {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    static Scenario clientCredentials(String label, String name, URI realm, String clientId, String clientSecret) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                .header("Authorization", basic(clientId, clientSecret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .timeout(REQUEST_TIMEOUT)
                .build();
        return new Scenario(label, name, request, "access_token", () -> { });
    }

    static Scenario refreshToken(String label, String name, URI realm, PartnerKey key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(realm + "/partners/api/v2/refresh-token"))
                .header("api-secret", key.clientSecret())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"" + key.clientId() + "\"}"))
                .timeout(REQUEST_TIMEOUT)
                .build();
        return new Scenario(label, name, request, "accessToken", () -> { });
    }

    /** The same scenario with another label and name, and a setting made before each of its runs. */
    Scenario with(String label, String name, Runnable before) {
        return new Scenario(label, name, request, tokenField, before);
    }

    /** Sends the request once; empty when it works, otherwise why not (status only, never the body). */
    Optional<String> probe(HttpClient http) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return Optional.of("HTTP " + response.statusCode() + " from " + request.method() + " " + request.uri().getPath());
        }
        if (!JsonFields.has(response.body(), tokenField)) {
            return Optional.of("HTTP 200 without \"" + tokenField + "\" from " + request.uri().getPath());
        }
        return Optional.empty();
    }

    /** RFC 6749 §2.3.1: client id and secret are form-urlencoded before base64. */
    private static String basic(String clientId, String clientSecret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
