package dev.partnertokens.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The realm that production imports: the product's realm without the demo's people, partners and secrets. */
class ProductionRealmTest {

    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");

    private final JsonNode demo = DeploymentFiles.json(DeploymentFiles.demoRealmFile());
    private final JsonNode production = DeploymentFiles.json(DeploymentFiles.productionRealmFile());

    @Test
    void theProductionRealmIsTheDemoRealmWithoutTheDemo() {
        // Fails as soon as one of the two files changes and the other does not follow (see ProductionRealm).
        assertThat(production).isEqualTo(ProductionRealm.fromDemo(demo));
    }

    @Test
    void theProductionRealmHasNoPeopleOnlyThePartnerApisServiceAccount() {
        assertThat(production.path("users")).allSatisfy(user -> {
            assertThat(user.path("serviceAccountClientId").asText()).isEqualTo(ProductionRealm.WAR_CLIENT);
            assertThat(user.has("credentials")).isFalse();
        });
        assertThat(production.has("organizations")).isFalse();
        assertThat(production.path("groups").findValues("subGroups")).allSatisfy(sub -> assertThat(sub).isEmpty());
    }

    @Test
    void theProductionRealmHoldsNoSecretOfTheDemo() {
        List<String> demoSecrets = ProductionRealm.demoSecrets(demo);
        assertThat(demoSecrets).contains("platform-admin", "partner-api-war-secret", "demo-cc-secret");
        assertThat(ProductionRealm.textValues(production)).doesNotContainAnyElementsOf(demoSecrets);
        assertThat(production.findValues("credentials")).isEmpty();
    }

    @Test
    void everyClientSecretOfTheProductionRealmComesFromTheEnvironment() {
        List<JsonNode> secrets = production.path("clients").findValues("secret");
        assertThat(secrets).isNotEmpty().allSatisfy(secret -> assertThat(secret.asText()).matches("\\$\\{[A-Z_]+}"));
    }

    @Test
    void theProductionRealmRequiresHttpsExceptFromPrivateNetworks() {
        assertThat(production.path("sslRequired").asText()).isEqualTo("external");
    }

    @Test
    void theDashboardSendsPeopleBackToThePublicUrlOnlyAndTakesNoPasswordsDirectly() {
        JsonNode dashboard = client(production, "partner-dashboard");
        assertThat(dashboard.path("redirectUris")).extracting(JsonNode::asText)
                .containsExactly("${PARTNER_API_PUBLIC_URL}/partner-api/*");
        assertThat(dashboard.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(DeploymentFiles.text(DeploymentFiles.productionRealmFile())).doesNotContain("localhost", "127.0.0.1");
    }

    @Test
    void everyEnvironmentPlaceholderOfTheRealmIsPassedToEveryKeycloakByCompose() {
        List<String> placeholders = environmentPlaceholders(DeploymentFiles.text(DeploymentFiles.productionRealmFile()));
        assertThat(placeholders).containsExactlyInAnyOrder(ProductionRealm.WAR_CLIENT_SECRET_VARIABLE, ProductionRealm.PUBLIC_URL_VARIABLE);
        ComposeFile compose = ComposeFile.read(DeploymentFiles.compose());
        for (String keycloak : List.of("keycloak-1", "keycloak-2")) {
            assertThat(compose.service(keycloak).environment()).as(keycloak).containsKeys(placeholders.toArray(String[]::new));
        }
    }

    static List<String> environmentPlaceholders(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = ENV_PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!names.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("No client " + clientId);
    }
}
