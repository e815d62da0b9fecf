package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One key from creation to revocation, getting tokens all three ways on the way. */
@ExtendWith(KeycloakExtension.class)
class PartnerKeyLifecycleIT {

    private PartnerRealm realm;

    @BeforeEach
    void realm(KeycloakServer keycloak) {
        realm = new PartnerRealm(keycloak);
    }

    @Test
    void aKeyGetsTokensThreeWaysUntilItIsRevoked() {
        JsonNode key = realm.createKeyAsAdmin("acme", "lifecycle", "VIEW", "TRANSACT", "MANAGE");
        String clientId = key.path("clientId").asText();
        String secret = key.path("clientSecret").asText();
        assertThat(key.path("id").asText()).startsWith("Token:");
        assertThat(secret).startsWith("ptk_");

        HttpResponse<String> cc = realm.clientCredentials(Http.basic(clientId, secret));
        assertThat(cc.statusCode()).as(cc.body()).isEqualTo(200);
        assertThat(cc.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode answer = Http.json(cc);
        // Keycloak answers the seconds left, which is 3599 when a second ticks between signing and answering.
        assertThat(answer.path("expires_in").asInt()).isBetween(3599, 3600);
        assertThat(answer.path("token_type").asText()).isEqualToIgnoringCase("Bearer");
        assertThat(Arrays.asList(answer.path("scope").asText().split(" "))).containsExactlyInAnyOrder("VIEW", "TRANSACT", "MANAGE");
        JsonNode claims = Http.claims(answer.path("access_token").asText());
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
        assertThat(claims.path("azp").asText()).isEqualTo(clientId);
        assertThat(claims.path("iss").asText()).isEqualTo(realm.issuer());
        assertThat(claims.path("partner_id").asText()).isNotBlank();

        HttpResponse<String> refresh = Http.send(Http.request(realm.refreshTokenEndpoint())
                .header("api-secret", secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"" + clientId + "\"}")));
        assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(200);
        JsonNode data = Http.json(refresh).path("data");
        long sevenDays = Instant.now().plus(Duration.ofDays(7)).getEpochSecond();
        assertThat(data.path("expiresAt").asLong()).isBetween(sevenDays - 60, sevenDays + 60);
        assertThat(Http.claims(data.path("accessToken").asText()).path("exp").asLong()).isEqualTo(data.path("expiresAt").asLong());

        // filtered by name: other tests of the same run give acme more keys than one page holds
        HttpResponse<String> list = Http.send(Http.request(realm.tokens("name=lifecycle&limit=100"))
                .header("Authorization", Http.basic(clientId, secret)));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(clientId).doesNotContain(secret);

        HttpResponse<String> delete = Http.send(Http.request(realm.token(key.path("id").asText()))
                .header("Authorization", Http.basic(clientId, secret)).DELETE());
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(204);

        HttpResponse<String> afterwards = realm.clientCredentials(Http.basic(clientId, secret));
        assertThat(afterwards.statusCode()).isEqualTo(401);
        assertThat(Http.json(afterwards).path("error").asText()).isEqualTo("invalid_client");
        assertThat(afterwards.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }
}
