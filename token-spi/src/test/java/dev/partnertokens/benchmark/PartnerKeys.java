package dev.partnertokens.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Creates the benchmark's partner key the way the dashboard does: a password grant for the demo platform
 * administrator, then {@code POST /realms/partners/tokens} for partner {@code acme}.
 */
final class PartnerKeys {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ADMIN_LOGIN = "grant_type=password&client_id=partner-admin-cli"
            + "&username=platform-admin&password=platform-admin";
    private static final String NEW_KEY = "{\"name\":\"benchmark key\",\"permissions\":[\"VIEW\",\"TRANSACT\",\"MANAGE\"]}";

    private final HttpClient http;
    private final URI realm;

    PartnerKeys(HttpClient http, URI realm) {
        this.http = http;
        this.realm = realm;
    }

    /** The key, or why there is none ({@code "HTTP 404 from POST .../tokens"}, for example). */
    Result create() throws IOException, InterruptedException {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ADMIN_LOGIN))
                .timeout(TIMEOUT)
                .build(), HttpResponse.BodyHandlers.ofString());
        Optional<String> adminToken = JsonFields.string(login.body(), "access_token");
        if (login.statusCode() != 200 || adminToken.isEmpty()) {
            return Result.failed("HTTP " + login.statusCode() + " from the platform administrator's password grant");
        }
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(realm + "/tokens"))
                .header("Authorization", "Bearer " + adminToken.get())
                .header("X-Partner", "acme")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(NEW_KEY))
                .timeout(TIMEOUT)
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            return Result.failed("HTTP " + created.statusCode() + " from POST " + realm.getPath() + "/tokens");
        }
        Optional<String> id = JsonFields.string(created.body(), "id");
        Optional<String> clientId = JsonFields.string(created.body(), "clientId");
        Optional<String> clientSecret = JsonFields.string(created.body(), "clientSecret");
        if (id.isEmpty() || clientId.isEmpty() || clientSecret.isEmpty()) {
            return Result.failed("HTTP 201 from POST " + realm.getPath() + "/tokens without id, clientId and clientSecret");
        }
        return new Result(Optional.of(new PartnerKey(id.get(), clientId.get(), clientSecret.get())), "");
    }

    record Result(Optional<PartnerKey> key, String failure) {

        static Result failed(String why) {
            return new Result(Optional.empty(), why);
        }
    }
}
