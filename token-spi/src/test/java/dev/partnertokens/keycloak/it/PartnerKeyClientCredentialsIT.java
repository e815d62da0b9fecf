package dev.partnertokens.keycloak.it;

import static dev.partnertokens.keycloak.it.Answers.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** OAuth 2.0 client credentials with a partner key, at the realm's token endpoint and at {@code /connect/token}. */
@ExtendWith(KeycloakExtension.class)
class PartnerKeyClientCredentialsIT {

    private PartnerRealm realm;
    private RealmAdmin admin;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
        admin = new RealmAdmin(keycloak);
    }

    @Nested
    class TheTokenResponse {

        @Test
        void isABearerTokenValidForOneHourWithItsScopeAndNotCached() {
            Key key = realm.createKey("acme", "cc response", "VIEW", "TRANSACT");

            HttpResponse<String> response = realm.clientCredentials(key.basic());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
            assertThat(Http.header(response, "Cache-Control")).contains("no-store");
            JsonNode answer = Http.json(response);
            assertThat(answer.path("access_token").asText()).isNotBlank();
            assertThat(answer.path("token_type").asText()).isEqualToIgnoringCase("Bearer");
            assertThat(answer.path("expires_in").asInt()).as("seconds left when answered").isBetween(3599, 3600);
            assertThat(scopes(answer.path("scope").asText())).containsExactlyInAnyOrder("VIEW", "TRANSACT");
            JsonNode claims = Http.claims(answer.path("access_token").asText());
            assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
        }

        /** A client shape the key's own issuing does not cover is Keycloak's grant's, with Keycloak's answers. */
        @Test
        void ofAKeyWhoseServiceAccountsAnAdministratorSwitchedOffIsKeycloaksRefusal() {
            Key key = realm.createKey("acme", "cc no service accounts", "VIEW");
            JsonNode client = admin.client(key.clientId());

            admin.saveClient(((com.fasterxml.jackson.databind.node.ObjectNode) client).put("serviceAccountsEnabled", false));
            HttpResponse<String> response = realm.clientCredentials(key.basic());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(Http.json(response).path("error").asText()).isEqualTo("unauthorized_client");
            assertThat(Http.json(response).path("error_description").asText()).isEqualTo("Client not enabled to retrieve service account");
        }

        @Test
        void carriesExpiresInAndScopeForEveryKindOfScopeRequest() {
            Key key = realm.createKey("acme", "cc every answer", "VIEW", "MANAGE");

            for (String[] form : List.of(new String[0], new String[] {"scope", ""}, new String[] {"scope", "VIEW"},
                    new String[] {"scope", "VIEW MANAGE"})) {
                HttpResponse<String> response = realm.clientCredentials(key.basic(), form);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode answer = Http.json(response);
                assertThat(answer.has("expires_in")).as(response.body()).isTrue();
                assertThat(answer.path("scope").asText()).as(response.body()).isNotBlank();
                assertThat(answer.path("token_type").asText()).as(response.body()).isEqualToIgnoringCase("Bearer");
            }
        }
    }

    @Nested
    class TheScopeOfAToken {

        @Test
        void isAllOfTheKeysScopesWhenNoneWasAskedFor() {
            Key key = realm.createKey("acme", "cc no scope", "VIEW", "TRANSACT", "MANAGE");

            JsonNode answer = Http.json(realm.clientCredentials(key.basic()));

            assertThat(scopes(answer.path("scope").asText())).containsExactlyInAnyOrder("VIEW", "TRANSACT", "MANAGE");
            assertThat(scopes(Http.claims(answer.path("access_token").asText()).path("scope").asText()))
                    .containsExactlyInAnyOrder("VIEW", "TRANSACT", "MANAGE");
        }

        @Test
        void isAllOfTheKeysScopesWhenTheScopeParameterIsEmptyOrBlank() {
            Key key = realm.createKey("acme", "cc empty scope", "VIEW", "TRANSACT");

            for (String empty : List.of("", "   ")) {
                HttpResponse<String> response = realm.clientCredentials(key.basic(), "scope", empty);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode answer = Http.json(response);
                assertThat(scopes(answer.path("scope").asText())).containsExactlyInAnyOrder("VIEW", "TRANSACT");
                assertThat(scopes(Http.claims(answer.path("access_token").asText()).path("scope").asText()))
                        .containsExactlyInAnyOrder("VIEW", "TRANSACT");
            }
        }

        @Test
        void isExactlyTheRequestedSubset() {
            Key key = realm.createKey("acme", "cc subset", "VIEW", "TRANSACT", "MANAGE");

            JsonNode one = Http.json(realm.clientCredentials(key.basic(), "scope", "TRANSACT"));
            JsonNode two = Http.json(realm.clientCredentials(key.basic(), "scope", "VIEW   MANAGE"));

            assertThat(scopes(one.path("scope").asText())).containsExactly("TRANSACT");
            assertThat(scopes(Http.claims(one.path("access_token").asText()).path("scope").asText())).containsExactly("TRANSACT");
            assertThat(scopes(two.path("scope").asText())).containsExactlyInAnyOrder("VIEW", "MANAGE");
            assertThat(scopes(Http.claims(two.path("access_token").asText()).path("scope").asText()))
                    .containsExactlyInAnyOrder("VIEW", "MANAGE");
        }

        @Test
        void outsideTheKeysSetIsAnInvalidScope() {
            Key key = realm.createKey("acme", "cc outside", "VIEW");
            realm.createKey("acme", "cc makes TRANSACT exist", "TRANSACT");

            for (String scope : List.of("TRANSACT", "VIEW TRANSACT", "MANAGE", "profile", "email", "VIEW email", "no-such-scope")) {
                HttpResponse<String> response = realm.clientCredentials(key.basic(), "scope", scope);
                assertOAuthError(response, 400, "invalid_scope");
                assertThat(Http.header(response, "Cache-Control")).contains("no-store");
            }
        }

        @Test
        void holdsNoDefaultScopeOfTheRealm() {
            Key key = realm.createKey("acme", "cc no defaults", "VIEW");

            JsonNode answer = Http.json(realm.clientCredentials(key.basic()));
            JsonNode claims = Http.claims(answer.path("access_token").asText());

            assertThat(scopes(answer.path("scope").asText())).containsExactly("VIEW");
            assertThat(scopes(claims.path("scope").asText())).containsExactly("VIEW");
            assertThat(claims.has("email")).as(claims.toString()).isFalse();
            assertThat(claims.has("email_verified")).as(claims.toString()).isFalse();
            assertThat(claims.has("preferred_username")).as(claims.toString()).isFalse();
            assertThat(claims.has("organization")).as(claims.toString()).isFalse();
        }

        /** Keycloak's own answers, untouched by the provider (ADR 13): an empty scope is Keycloak's invalid_scope. */
        @Test
        void ofAStockClientIsLeftToKeycloaksOwnRules() {
            HttpResponse<String> none = realm.clientCredentials(Http.basic("demo-cc", "demo-cc-secret"));
            HttpResponse<String> empty = realm.clientCredentials(Http.basic("demo-cc", "demo-cc-secret"), "scope", "");

            assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
            assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
            assertThat(Http.json(empty).path("error").asText()).isEqualTo("invalid_scope");
        }
    }

    @Nested
    class TheAccessToken {

        @Test
        void namesTheKeyThePartnerAndTheIssuer() {
            Key key = realm.createKey("acme", "cc claims", "VIEW");

            JsonNode claims = Http.claims(Http.json(realm.clientCredentials(key.basic())).path("access_token").asText());

            assertThat(claims.path("azp").asText()).isEqualTo(key.clientId());
            assertThat(claims.path("client_id").asText()).isEqualTo(key.clientId());
            assertThat(claims.path("partner_id").asText()).isEqualTo(admin.organizationId("acme"));
            assertThat(claims.path("iss").asText()).isEqualTo(realm.issuer());
            assertThat(claims.path("typ").asText()).isEqualTo("Bearer");
        }

        /**
         * A key's client has one role, so that Keycloak caches its role list (an empty one it reads again for every
         * token): granted to nobody, it is in no token, and an attacker holding the key gains nothing by it.
         */
        @Test
        void carriesNoRoleOfTheKeysOwnClient() {
            Key key = realm.createKey("acme", "cc own role", "VIEW");
            String clientUuid = admin.client(key.clientId()).path("id").asText();
            String serviceAccount = admin.read("/clients/" + clientUuid + "/service-account-user").path("id").asText();

            JsonNode roles = admin.read("/clients/" + clientUuid + "/roles");
            JsonNode granted = admin.read("/users/" + serviceAccount + "/role-mappings/clients/" + clientUuid + "/composite");
            JsonNode claims = Http.claims(Http.json(realm.clientCredentials(key.basic())).path("access_token").asText());

            assertThat(roles).as(roles.toString()).hasSize(1);
            assertThat(roles.get(0).path("name").asText()).isEqualTo("partner-key");
            assertThat(granted).as(granted.toString()).isEmpty();
            assertThat(claims.path("resource_access").has(key.clientId())).as(claims.toString()).isFalse();
            assertThat(scopes(claims.path("scope").asText())).containsExactly("VIEW");
        }

        /**
         * A key's token carries no role (no full scope, no role mapped), so its client keeps no {@code roles} scope,
         * whose three mappers would resolve the service account's roles for every token to add nothing; and the
         * refresh-token endpoint, which issues without Keycloak's authentication session, gives the same claims.
         */
        @Test
        void hasTheSameClaimsBothWaysAndNoRoleClaim() {
            Key key = realm.createKey("acme", "cc claim names", "VIEW");
            String clientUuid = admin.client(key.clientId()).path("id").asText();

            JsonNode viaTokenEndpoint = Http.claims(Http.json(realm.clientCredentials(key.basic())).path("access_token").asText());
            JsonNode viaRefreshEndpoint = Http.claims(Http.json(realm.refreshToken(key.clientId(), key.secret())).path("data").path("accessToken").asText());
            java.util.List<String> defaultScopes = new java.util.ArrayList<>();
            admin.read("/clients/" + clientUuid + "/default-client-scopes").forEach(scope -> defaultScopes.add(scope.path("name").asText()));

            assertThat(defaultScopes).as("the key's default scopes").doesNotContain("roles", "profile", "email").contains("basic");
            assertThat(names(viaTokenEndpoint)).as(viaTokenEndpoint.toString())
                    .doesNotContain("realm_access", "resource_access")
                    .contains("acr", "azp", "client_id", "partner_id", "scope", "sub", "exp", "iat", "jti", "iss", "typ")
                    .containsExactlyInAnyOrderElementsOf(names(viaRefreshEndpoint));
            assertThat(viaRefreshEndpoint.path("acr").asText()).isEqualTo(viaTokenEndpoint.path("acr").asText());
            assertThat(viaRefreshEndpoint.path("sub").asText()).isEqualTo(viaTokenEndpoint.path("sub").asText());
            assertThat(viaRefreshEndpoint.path("iss").asText()).isEqualTo(realm.issuer());
        }

        private java.util.List<String> names(JsonNode claims) {
            java.util.List<String> names = new java.util.ArrayList<>();
            claims.fieldNames().forEachRemaining(names::add);
            return names;
        }

        /** Keycloak's events of a key's grants name the key's client and its service account, as a stock client's do. */
        @Test
        void isAKeycloakEventNamingTheKeysClientWhetherGivenOrRefused() {
            admin.storeEvents("CLIENT_LOGIN", "CLIENT_LOGIN_ERROR");
            Key key = realm.createKey("acme", "cc events", "VIEW");

            assertThat(realm.clientCredentials(key.basic()).statusCode()).isEqualTo(200);
            assertThat(realm.clientCredentials(Http.basic(key.clientId(), key.secret() + "x")).statusCode()).isEqualTo(401);

            List<JsonNode> given = new java.util.ArrayList<>();
            admin.events("CLIENT_LOGIN").forEach(event -> {
                if (key.clientId().equals(event.path("clientId").asText())) {
                    given.add(event);
                }
            });
            assertThat(given).as("the grant's event names the key").hasSize(1);
            assertThat(given.get(0).path("details").path("grant_type").asText()).isEqualTo("client_credentials");
            assertThat(given.get(0).path("details").path("username").asText()).isEqualTo("service-account-" + key.clientId());
            assertThat(given.get(0).path("details").path("client_auth_method").asText()).isEqualTo("partner-key");
            List<JsonNode> refused = new java.util.ArrayList<>();
            admin.events("CLIENT_LOGIN_ERROR").forEach(event -> {
                if (key.clientId().equals(event.path("clientId").asText())) {
                    refused.add(event);
                }
            });
            assertThat(refused).as("the refusal's event names the key").hasSize(1);
        }

        /** Keycloak runs the flow's client authenticators in order: a key's grant goes to its own one first. */
        @Test
        void isAuthenticatedByTheKeyAuthenticatorBeforeKeycloaksOwn() {
            realm.createKey("acme", "cc flow order", "VIEW");

            assertThat(admin.clientAuthenticators()).first().isEqualTo("partner-key");
            assertThat(admin.clientAuthenticators()).contains("client-secret", "client-jwt");
            assertThat(realm.clientCredentials(Http.basic("demo-cc", "demo-cc-secret")).statusCode())
                    .as("a stock client still gets its token").isEqualTo(200);
            assertThat(realm.clientCredentials(Http.basic("demo-cc", "not-its-secret")).statusCode())
                    .as("and not with a wrong secret").isEqualTo(401);
        }

        @Test
        void ofAnotherPartnersKeyNamesThatPartner() {
            Key key = realm.createKey("globex", "cc globex claims", "VIEW");

            JsonNode claims = Http.claims(Http.json(realm.clientCredentials(key.basic())).path("access_token").asText());

            assertThat(claims.path("partner_id").asText()).isEqualTo(admin.organizationId("globex"))
                    .isNotEqualTo(admin.organizationId("acme"));
        }

        @Test
        void isSignedWithRs256ByAKeyOfTheRealmJwks() {
            Key key = realm.createKey("acme", "cc signature", "VIEW");
            String jwt = Http.json(realm.clientCredentials(key.basic())).path("access_token").asText();

            RealmKeys keys = RealmKeys.fetch(realm.certs());

            assertThat(Http.jwtHeader(jwt).path("alg").asText()).isEqualTo("RS256");
            assertThat(keys.verifies(jwt)).isTrue();
            assertThat(keys.verifies(withClaimsOf(jwt, "{\"scope\":\"VIEW TRANSACT MANAGE\"}"))).isFalse();
        }

        @Test
        void fromTheAliasIsSignedAndIssuedByTheRealmToo() {
            Key key = realm.createKey("acme", "cc alias signature", "VIEW");
            String jwt = Http.json(realm.clientCredentialsAt(realm.connectTokenEndpoint(), key.basic())).path("access_token").asText();

            assertThat(RealmKeys.fetch(realm.certs()).verifies(jwt)).isTrue();
            assertThat(Http.claims(jwt).path("iss").asText()).isEqualTo(realm.issuer());
        }
    }

    @Nested
    class MalformedRequests {

        @Test
        void anUnsupportedGrantTypeIsUnsupportedGrantType() {
            Key key = realm.createKey("acme", "cc bad grant", "VIEW");

            for (URI endpoint : endpoints()) {
                HttpResponse<String> response = realm.postForm(endpoint, key.basic(), Http.form("grant_type", "urn:example:no-such-grant"));
                assertOAuthError(response, 400, "unsupported_grant_type");
            }
        }

        @Test
        void aMissingGrantTypeIsAnInvalidRequest() {
            Key key = realm.createKey("acme", "cc no grant", "VIEW");

            for (URI endpoint : endpoints()) {
                HttpResponse<String> response = realm.postForm(endpoint, key.basic(), Http.form("scope", "VIEW"));
                assertOAuthError(response, 400, "invalid_request");
            }
        }
    }

    @Nested
    class TheConnectTokenAlias {

        @Test
        void answersASuccessLikeTheRealmEndpoint() {
            Key key = realm.createKey("acme", "cc alias success", "VIEW", "TRANSACT");

            HttpResponse<String> direct = realm.clientCredentials(key.basic(), "scope", "TRANSACT");
            HttpResponse<String> alias = realm.clientCredentialsAt(realm.connectTokenEndpoint(), key.basic(), "scope", "TRANSACT");

            assertThat(alias.statusCode()).as(alias.body()).isEqualTo(direct.statusCode()).isEqualTo(200);
            assertThat(Http.header(alias, "Cache-Control")).isEqualTo(Http.header(direct, "Cache-Control"));
            assertThat(Http.header(alias, "Content-Type")).isEqualTo(Http.header(direct, "Content-Type"));
            JsonNode a = Http.json(alias);
            JsonNode d = Http.json(direct);
            assertThat(fieldNames(a)).isEqualTo(fieldNames(d));
            for (String field : List.of("token_type", "scope")) {
                assertThat(a.path(field)).as(field).isEqualTo(d.path(field));
            }
            assertThat(a.path("expires_in").asInt()).isBetween(3599, 3600);
            JsonNode aliasClaims = Http.claims(a.path("access_token").asText());
            JsonNode directClaims = Http.claims(d.path("access_token").asText());
            for (String claim : List.of("iss", "azp", "client_id", "partner_id", "scope", "sub", "typ")) {
                assertThat(aliasClaims.path(claim)).as(claim).isEqualTo(directClaims.path(claim));
            }
        }

        @Test
        void acceptsFormCredentialsToo() {
            Key key = realm.createKey("acme", "cc alias form", "VIEW");

            HttpResponse<String> alias = realm.clientCredentialsAt(realm.connectTokenEndpoint(), null,
                    "client_id", key.clientId(), "client_secret", key.secret(), "scope", "");

            assertThat(alias.statusCode()).as(alias.body()).isEqualTo(200);
            assertThat(scopes(Http.json(alias).path("scope").asText())).containsExactly("VIEW");
        }

        @Test
        void answersEveryFailureLikeTheRealmEndpoint() {
            Key key = realm.createKey("acme", "cc alias failures", "VIEW");
            List<String[]> cases = List.of(
                    new String[] {Http.basic(key.clientId(), "ptk_wrong"), "grant_type=client_credentials"},
                    new String[] {Http.basic("pk-does-not-exist", "ptk_wrong"), "grant_type=client_credentials"},
                    new String[] {null, "grant_type=client_credentials&client_id=pk-does-not-exist&client_secret=x"},
                    new String[] {key.basic(), "grant_type=client_credentials&scope=MANAGE"},
                    new String[] {key.basic(), "grant_type=urn:example:no-such-grant"},
                    new String[] {key.basic(), "scope=VIEW"});

            for (String[] c : cases) {
                HttpResponse<String> direct = realm.postForm(realm.tokenEndpoint(), c[0], Http.body(c[1]));
                HttpResponse<String> alias = realm.postForm(realm.connectTokenEndpoint(), c[0], Http.body(c[1]));
                assertThat(direct.statusCode()).as(c[1]).isGreaterThanOrEqualTo(400);
                assertThat(alias.statusCode()).as(c[1] + " " + alias.body()).isEqualTo(direct.statusCode());
                assertThat(Http.json(alias)).as(c[1]).isEqualTo(Http.json(direct));
                assertThat(Http.header(alias, "WWW-Authenticate")).as(c[1]).isEqualTo(Http.header(direct, "WWW-Authenticate"));
                assertThat(Http.header(alias, "Cache-Control")).as(c[1]).isEqualTo(Http.header(direct, "Cache-Control"));
            }
        }

        @Test
        void allowsOnlyPostLikeTheRealmEndpoint() {
            HttpResponse<String> direct = Http.send(Http.request(realm.tokenEndpoint()).GET());
            HttpResponse<String> alias = Http.send(Http.request(realm.connectTokenEndpoint()).GET());

            assertThat(alias.statusCode()).as(alias.body()).isEqualTo(direct.statusCode()).isEqualTo(405);
            assertThat(alias.body()).isEqualTo(direct.body());
            assertThat(Http.header(alias, "Content-Type")).isEqualTo(Http.header(direct, "Content-Type"));
        }
    }

    private List<URI> endpoints() {
        return List.of(realm.tokenEndpoint(), realm.connectTokenEndpoint());
    }

    static List<String> scopes(String scope) {
        return Arrays.stream(scope.trim().split(" +")).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    private static String withClaimsOf(String jwt, String claims) {
        String[] parts = jwt.split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }
}
