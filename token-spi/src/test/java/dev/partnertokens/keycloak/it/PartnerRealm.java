package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnertokens.testing.KeycloakServer;

/** The demo realm {@code partners} of a running Keycloak, seen from outside: its endpoints and demo accounts. */
public final class PartnerRealm {

    public static final String REALM = "partners";
    public static final String JSON = "application/json";

    private final KeycloakServer keycloak;
    private String platformAdminToken;

    public PartnerRealm(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /** A key as the tokens API created it: the only moment its secret is known. */
    public record Key(String id, String clientId, String secret, JsonNode created) {

        static Key of(JsonNode created) {
            return new Key(created.path("id").asText(), created.path("clientId").asText(),
                    created.path("clientSecret").asText(), created);
        }

        public String basic() {
            return Http.basic(clientId, secret);
        }
    }

    public URI tokenEndpoint() {
        return URI.create(keycloak.realmUri(REALM) + "/protocol/openid-connect/token");
    }

    public URI connectTokenEndpoint() {
        return URI.create(keycloak.realmUri(REALM) + "/connect/token");
    }

    public URI certs() {
        return URI.create(keycloak.realmUri(REALM) + "/protocol/openid-connect/certs");
    }

    public URI refreshTokenEndpoint() {
        return URI.create(keycloak.realmUri(REALM) + "/partners/api/v2/refresh-token");
    }

    public URI tokens() {
        return URI.create(keycloak.realmUri(REALM) + "/tokens");
    }

    public URI tokens(String query) {
        return query == null || query.isEmpty() ? tokens() : URI.create(tokens() + "?" + query);
    }

    public URI token(String id) {
        return URI.create(tokens() + "/" + id);
    }

    public String issuer() {
        return keycloak.realmUri(REALM).toString();
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    /**
     * A bearer token of the demo platform administrator (realm role manage-partner-keys), signed in through
     * {@code partner-admin-cli} so that it carries the audience {@code partner-tokens}; fetched once per instance.
     */
    public String platformAdminToken() {
        if (platformAdminToken == null) {
            platformAdminToken = userToken("partner-admin-cli", "platform-admin", "platform-admin");
        }
        return platformAdminToken;
    }

    /** The partner API's service-account token (roles manage-partner-keys and read-partner-revocations). */
    public String partnerApiToken() {
        HttpResponse<String> response = clientCredentials(Http.basic("partner-api-war", "partner-api-war-secret"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).path("access_token").asText();
    }

    /** {@code GET /realms/partners/partners/api/v2/<feed>?<query>} with a bearer token. */
    public HttpResponse<String> feed(String feed, String query, String token) {
        return Http.send(Http.request(URI.create(keycloak.realmUri(REALM) + "/partners/api/v2/" + feed + "?" + query))
                .header("Authorization", Http.bearer(token)).GET());
    }

    /**
     * The sequence number of the newest entry of a feed ({@code revocations} or {@code audit}), read page by page:
     * the {@code last} of one page is only the end of that page once the feed holds more than a page.
     */
    public long feedHead(String feed, String token) {
        long after = 0;
        while (true) {
            JsonNode page = Http.json(feed(feed, "after=" + after + "&limit=500", token));
            if (page.path("entries").isEmpty()) {
                return after;
            }
            after = page.path("last").asLong();
        }
    }

    /** A person's token from the dashboard's sign-in client {@code partner-dashboard}. */
    public String userToken(String username, String password) {
        return userToken("partner-dashboard", username, password);
    }

    public String userToken(String clientId, String username, String password) {
        HttpResponse<String> response = Http.send(Http.request(tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(Http.form("grant_type", "password", "client_id", clientId,
                        "username", username, "password", password)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).path("access_token").asText();
    }

    /** Creates a key for {@code partner} as the platform administrator and returns the 201 body. */
    public JsonNode createKeyAsAdmin(String partner, String name, String... permissions) {
        return createKey(partner, keyRequest(name, permissions)).created();
    }

    /** Creates a key for {@code partner} as the platform administrator. */
    public Key createKey(String partner, String name, String... permissions) {
        return createKey(partner, keyRequest(name, permissions));
    }

    public Key createKey(String partner, ObjectNode request) {
        HttpResponse<String> response = postTokens(Http.bearer(platformAdminToken()), partner, JSON, request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Key.of(Http.json(response));
    }

    /** Creates a key for {@code partner} that stops working at {@code expiresAt}. */
    public Key createKeyExpiringAt(String partner, String name, Instant expiresAt, String... permissions) {
        return createKey(partner, keyRequest(name, permissions).put("expiresAt", expiresAt.toString()));
    }

    public static ObjectNode keyRequest(String name, String... permissions) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name);
        List.of(permissions).forEach(body.putArray("permissions")::add);
        return body;
    }

    /** {@code POST /tokens}; {@code partner} goes into {@code X-Partner} when not null, {@code contentType} likewise. */
    public HttpResponse<String> postTokens(String authorization, String partner, String contentType, String body) {
        HttpRequest.Builder request = tokensRequest(tokens(), authorization, partner)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : Http.body(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return Http.send(request);
    }

    /** {@code GET /tokens?query}; {@code query} is sent as given (already encoded). */
    public HttpResponse<String> listTokens(String authorization, String partner, String query) {
        return Http.send(tokensRequest(tokens(query), authorization, partner).GET());
    }

    public HttpResponse<String> readToken(String authorization, String partner, String id) {
        return Http.send(tokensRequest(token(id), authorization, partner).GET());
    }

    public HttpResponse<String> deleteToken(String authorization, String partner, String id) {
        return Http.send(tokensRequest(token(id), authorization, partner).DELETE());
    }

    /** One page of {@code GET /tokens?query} for {@code partner}, as the platform administrator sees it. */
    public JsonNode listAsAdmin(String partner, String query) {
        HttpResponse<String> response = listTokens(Http.bearer(platformAdminToken()), partner, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    /** How many live keys {@code partner} has. */
    public long totalCount(String partner) {
        return listAsAdmin(partner, "limit=1").path("totalCount").asLong();
    }

    private static HttpRequest.Builder tokensRequest(URI uri, String authorization, String partner) {
        HttpRequest.Builder request = Http.request(uri);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (partner != null) {
            request.header("X-Partner", partner);
        }
        return request;
    }

    /**
     * Any request to the tokens API: {@code path} below {@code /tokens} ("" or "/Token:…/rotate"), a JSON body when not
     * {@code null}, and header name/value pairs.
     */
    public HttpResponse<String> tokensCall(String method, String path, String authorization, String body, String... headers) {
        HttpRequest.Builder request = Http.request(URI.create(tokens() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", JSON).method(method, Http.body(body));
        }
        return Http.send(request);
    }

    /** {@code PATCH /tokens/{id}} as the platform administrator for {@code partner}. */
    public HttpResponse<String> patchAsAdmin(String partner, String id, String body) {
        return tokensCall("PATCH", "/" + id, Http.bearer(platformAdminToken()), body, "X-Partner", partner);
    }

    /** A key request with permissions and API scopes. */
    public static ObjectNode keyRequest(String name, List<String> permissions, List<String> scopes) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name);
        permissions.forEach(body.putArray("permissions")::add);
        scopes.forEach(body.putArray("scopes")::add);
        return body;
    }

    /** The partner refresh-token endpoint with {@code api-secret} and {@code {"apiKey": ...}}, as documented. */
    public HttpResponse<String> refreshToken(String apiKey, String secret) {
        String body = JsonNodeFactory.instance.objectNode().put("apiKey", apiKey).toString();
        return refreshToken(secret, JSON, body);
    }

    /** The partner refresh-token endpoint with each part given or left out ({@code null}). */
    public HttpResponse<String> refreshToken(String apiSecret, String contentType, String body) {
        HttpRequest.Builder request = Http.request(refreshTokenEndpoint())
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : Http.body(body));
        if (apiSecret != null) {
            request.header("api-secret", apiSecret);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return Http.send(request);
    }

    public HttpResponse<String> clientCredentials(String authorization, String... form) {
        return clientCredentialsAt(tokenEndpoint(), authorization, form);
    }

    /** {@code grant_type=client_credentials} and {@code form} at {@code endpoint}, with Basic when given. */
    public HttpResponse<String> clientCredentialsAt(URI endpoint, String authorization, String... form) {
        String[] fields = new String[form.length + 2];
        fields[0] = "grant_type";
        fields[1] = "client_credentials";
        System.arraycopy(form, 0, fields, 2, form.length);
        return postForm(endpoint, authorization, Http.form(fields));
    }

    /** A form POST exactly as given to a token endpoint, with extra header name/value pairs. */
    public HttpResponse<String> postForm(URI endpoint, String authorization, HttpRequest.BodyPublisher form, String... headers) {
        HttpRequest.Builder request = Http.request(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request);
    }

    public static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
