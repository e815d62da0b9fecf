package dev.partnertokens.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.partnertokens.testing.KeycloakServer;

/**
 * Turns the recording of keys' last use on or off for the demo realm between measurements (realm attribute
 * {@code partner-tokens.last-used-tracking}, read on every use), as a realm administrator of the master realm would.
 */
final class LastUsedTracking {

    private final HttpClient http;
    private final KeycloakServer keycloak;

    LastUsedTracking(HttpClient http, KeycloakServer keycloak) {
        this.http = http;
        this.keycloak = keycloak;
    }

    void set(boolean on) {
        String body = "{\"attributes\":{\"partner-tokens.last-used-tracking\":\"" + on + "\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.baseUri() + "/admin/realms/" + GrantThroughputBenchmark.REALM))
                .header("Authorization", "Bearer " + keycloak.adminAccessToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("Could not set last-used tracking " + on + ": HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
