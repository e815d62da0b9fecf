package dev.partnertokens.keycloak.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KeycloakExtension.class)
class ProviderIsLoadedIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theRealmServesThePartnerStatusEndpoint(KeycloakServer keycloak) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(keycloak.realmUri("partners") + "/partners/api/v2/status")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.path("realm").asText()).isEqualTo("partners");
        assertThat(status.path("provider").asText()).isEqualTo("partner-tokens");
        assertThat(status.path("version").asText()).isNotBlank();
    }

    @Test
    void keycloakServerInfoListsTheProvider(KeycloakServer keycloak) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(keycloak.baseUri() + "/admin/serverinfo"))
                        .header("Authorization", "Bearer " + keycloak.adminAccessToken())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode providers = JSON.readTree(response.body()).path("providers").path("realm-restapi-extension").path("providers");
        assertThat(providers.has(PartnersResourceProviderFactory.PROVIDER_ID)).isTrue();
    }
}
