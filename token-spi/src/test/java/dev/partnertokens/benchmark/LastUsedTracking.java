package dev.partnertokens.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.partnertokens.testing.KeycloakServer;

/**
 * Turns a realm switch on or off for the demo realm between measurements, as a realm administrator of the master
 * realm would: the recording of keys' last use ({@code partner-tokens.last-used-tracking}, read on every use) or the
 * brute-force guard ({@code partner-tokens.brute-force.enabled}).
 */
final class LastUsedTracking {

    static final String TRACKING = "partner-tokens.last-used-tracking";
    static final String GUARD = "partner-tokens.brute-force.enabled";

    private final HttpClient http;
    private final KeycloakServer keycloak;
    private final String attribute;

    LastUsedTracking(HttpClient http, KeycloakServer keycloak) {
        this(http, keycloak, TRACKING);
    }

    LastUsedTracking(HttpClient http, KeycloakServer keycloak, String attribute) {
        this.http = http;
        this.keycloak = keycloak;
        this.attribute = attribute;
    }

    /** The same kind of switch for another realm attribute. */
    LastUsedTracking of(String otherAttribute) {
        return new LastUsedTracking(http, keycloak, otherAttribute);
    }

    void set(boolean on) {
        String body = "{\"attributes\":{\"" + attribute + "\":\"" + on + "\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.baseUri() + "/admin/realms/" + GrantThroughputBenchmark.REALM))
                .header("Authorization", "Bearer " + keycloak.adminAccessToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("Could not set " + attribute + " " + on + ": HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
