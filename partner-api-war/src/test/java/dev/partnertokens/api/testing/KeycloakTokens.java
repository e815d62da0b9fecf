package dev.partnertokens.api.testing;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import dev.partnertokens.testing.KeycloakServer;

/** Gets real tokens from the Keycloak of the build, the way a partner's client would. */
public final class KeycloakTokens {

    private final KeycloakServer keycloak;
    private final HttpClient http = HttpClient.newHttpClient();

    public KeycloakTokens(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /** An access token from the client credentials grant, authenticating with HTTP Basic. */
    public String clientCredentials(String realm, String clientId, String secret) {
        return clientCredentials(realm, clientId, secret, null);
    }

    /** An access token from the client credentials grant asking for {@code scope} ({@code null}: none asked). */
    public String clientCredentials(String realm, String clientId, String secret, String scope) {
        String basic = Base64.getEncoder().encodeToString((form(clientId) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.realmUri(realm) + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                        + (scope == null ? "" : "&scope=" + form(scope))))
                .build();
        return accessToken(send(request));
    }

    /** The partners realm's base URI, {@code http://127.0.0.1:<port>/realms/partners}. */
    public String realmUri() {
        return keycloak.realmUri("partners").toString();
    }

    /** The whole token response of a password grant for a dashboard user (public client partner-dashboard). */
    public JsonObject passwordGrant(String username, String password, String scope) {
        return passwordGrant("partner-dashboard", username, password, scope);
    }

    /** The whole token response of a password grant at a public client of the partners realm. */
    public JsonObject passwordGrant(String clientId, String username, String password, String scope) {
        String form = "grant_type=password&client_id=" + form(clientId) + "&username=" + form(username) + "&password=" + form(password)
                + (scope == null ? "" : "&scope=" + form(scope));
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.realmUri("partners") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak gave no token: " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /**
     * Creates a partner key through the provider's tokens API, as the demo platform administrator acting for
     * {@code partner}; the answer carries {@code clientId} and the only copy of {@code clientSecret}.
     */
    public JsonObject createKey(String partner, String name, String... permissions) {
        String body = Json.createObjectBuilder()
                .add("name", name)
                .add("permissions", Json.createArrayBuilder(java.util.List.of(permissions)))
                .build().toString();
        HttpResponse<String> response = asPlatformAdministrator(partner, "POST", "", body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Keycloak created no key: " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** Creates a partner key with permissions and API scopes (see {@link #createKey(String, String, String...)}). */
    public JsonObject createKey(String partner, String name, java.util.List<String> permissions, java.util.List<String> scopes) {
        String body = Json.createObjectBuilder()
                .add("name", name)
                .add("permissions", Json.createArrayBuilder(permissions))
                .add("scopes", Json.createArrayBuilder(scopes))
                .build().toString();
        HttpResponse<String> response = asPlatformAdministrator(partner, "POST", "", body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Keycloak created no key: " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** Creates a partner key usable only from {@code allowedNetworks} (its IP allowlist; docs/ip-allowlists.md). */
    public JsonObject createKeyAllowedFrom(String partner, String name, java.util.List<String> allowedNetworks, String... permissions) {
        String body = Json.createObjectBuilder()
                .add("name", name)
                .add("permissions", Json.createArrayBuilder(java.util.List.of(permissions)))
                .add("allowedNetworks", Json.createArrayBuilder(allowedNetworks))
                .build().toString();
        HttpResponse<String> response = asPlatformAdministrator(partner, "POST", "", body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Keycloak created no key: " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** Revokes a key ({@code Token:…}) through the provider's tokens API, as the demo platform administrator. */
    public void revokeKey(String partner, String keyId) {
        HttpResponse<String> response = asPlatformAdministrator(partner, "DELETE", "/" + keyId, null);
        if (response.statusCode() != 204) {
            throw new IllegalStateException("Keycloak did not revoke " + keyId + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** Edits a key through the provider's tokens API ({@code PATCH}), as the demo platform administrator. */
    public JsonObject editKey(String partner, String keyId, JsonObject changes) {
        HttpResponse<String> response = asPlatformAdministrator(partner, "PATCH", "/" + keyId, changes.toString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak did not edit " + keyId + ": " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** Rotates a key's secret through the provider's tokens API ({@code POST /{id}/rotate}), as the platform administrator. */
    public JsonObject rotateKey(String partner, String keyId, String body) {
        HttpResponse<String> response = asPlatformAdministrator(partner, "POST", "/" + keyId + "/rotate", body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak did not rotate " + keyId + ": " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** Ends the overlap of a key's rotation ({@code POST /{id}/end-overlap}), as the platform administrator. */
    public void endOverlap(String partner, String keyId) {
        HttpResponse<String> response = asPlatformAdministrator(partner, "POST", "/" + keyId + "/end-overlap", null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak did not end the overlap of " + keyId + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** A 7-day token from the partner refresh-token endpoint ({@code api-secret} header, {@code {"apiKey": clientId}}). */
    public String refreshTokenEndpoint(String clientId, String secret) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.realmUri("partners") + "/partners/api/v2/refresh-token"))
                .header("api-secret", secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("apiKey", clientId).build().toString()))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The refresh-token endpoint gave no token: " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject().getJsonObject("data").getString("accessToken");
    }

    private HttpResponse<String> asPlatformAdministrator(String partner, String method, String path, String json) {
        String adminToken = passwordGrant("partner-admin-cli", "platform-admin", "platform-admin", null).getString("access_token");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.realmUri("partners") + "/tokens" + path))
                .header("Authorization", "Bearer " + adminToken)
                .header("X-Partner", partner)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    /** Registers a confidential client with a service account through the admin REST API. */
    public void createServiceClient(String realm, String clientId, String secret, int accessTokenLifespanSeconds) {
        String client = Json.createObjectBuilder()
                .add("clientId", clientId)
                .add("secret", secret)
                .add("publicClient", false)
                .add("standardFlowEnabled", false)
                .add("serviceAccountsEnabled", true)
                .add("attributes", Json.createObjectBuilder().add("access.token.lifespan", String.valueOf(accessTokenLifespanSeconds)))
                .add("protocolMappers", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", "partner-api audience")
                        .add("protocol", "openid-connect")
                        .add("protocolMapper", "oidc-audience-mapper")
                        .add("config", Json.createObjectBuilder()
                                .add("included.custom.audience", "partner-api")
                                .add("access.token.claim", "true"))))
                .build().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.baseUri() + "/admin/realms/" + realm + "/clients"))
                .header("Authorization", "Bearer " + keycloak.adminAccessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new IllegalStateException("Keycloak refused to create " + clientId + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static String accessToken(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak gave no token: " + response.statusCode() + " " + response.body());
        }
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        return body.getString("access_token");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
