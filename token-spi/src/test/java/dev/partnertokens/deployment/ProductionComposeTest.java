package dev.partnertokens.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docker/compose.yaml as production runs it: no secret in it, every secret required, every URL the right one. */
class ProductionComposeTest {

    private static final List<String> KEYCLOAKS = List.of("keycloak-1", "keycloak-2");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name = \"([^\"]+)\"");

    private final String text = DeploymentFiles.text(DeploymentFiles.compose());
    private final ComposeFile compose = ComposeFile.read(DeploymentFiles.compose());

    @Test
    void everyVariableIsRequiredAndItsMessageNamesIt() {
        List<ComposeVariables.Reference> references = ComposeVariables.references(text);
        assertThat(references).extracting(ComposeVariables.Reference::name).contains(
                "KEYCLOAK_DB_PASSWORD", "PARTNER_API_DB_PASSWORD", "PARTNER_API_WAR_CLIENT_SECRET", "KEYCLOAK_ADMIN_PASSWORD");
        assertThat(references).allSatisfy(reference -> {
            assertThat(reference.required()).as(reference.text() + " must be ${NAME:?message}").isTrue();
            assertThat(reference.argument()).as(reference.text()).startsWith("set " + reference.name() + ",");
        });
    }

    @Test
    void aMissingVariableStopsInterpolationWithItsMessage() {
        assertThatThrownBy(() -> ComposeVariables.interpolate(text, Map.of()))
                .hasMessageStartingWith("set ");
    }

    @Test
    void everyPasswordAndSecretOfEveryServiceComesFromARequiredVariable() {
        compose.services().values().forEach(service -> service.environment().forEach((name, value) -> {
            if (name.matches(".*(PASSWORD|SECRET).*")) {
                assertThat(value).as(service.name() + " " + name).matches("\\$\\{[A-Z_]+:\\?[^}]+}");
            }
        }));
    }

    @Test
    void noValueOfTheComposeFileIsADemoSecretOrADefaultCredential() {
        JsonNode demo = DeploymentFiles.json(DeploymentFiles.demoRealmFile());
        Set<String> forbidden = Stream.concat(ProductionRealm.demoSecrets(demo).stream(),
                Stream.of("admin", "password", "keycloak-password", "changeme", "secret", "postgres")).collect(Collectors.toSet());
        compose.services().values().forEach(service -> service.environment().forEach((name, value) ->
                assertThat(value).as(service.name() + " " + name).isNotIn(forbidden)));
        assertThat(text).doesNotContain("partner-api-war-secret", "demo-cc-secret", "platform-admin");
    }

    @Test
    void everyLongRunningServiceHasAHealthCheck() {
        compose.services().values().stream().filter(service -> !service.profiles().contains("demo")).forEach(service ->
                assertThat(service.healthcheck()).as(service.name()).isNotEmpty());
        assertThat(compose.service("keycloak-db").healthcheck()).startsWith("CMD", "pg_isready");
        assertThat(compose.service("partner-api-db").healthcheck()).startsWith("CMD", "pg_isready");
        assertThat(String.join(" ", compose.service("keycloak-1").healthcheck())).contains("/dev/tcp/127.0.0.1/9000", "/health/ready", " 200 ");
        assertThat(String.join(" ", compose.service("partner-api").healthcheck())).contains("/dev/tcp/127.0.0.1/9990", "/health/ready", " 200 ");
    }

    @Test
    void keycloakStartsOptimizedBehindTheDeclaredProxyWithThePublicHostname() {
        for (String name : KEYCLOAKS) {
            ComposeFile.Service keycloak = compose.service(name);
            assertThat(keycloak.command()).containsExactly("start", "--optimized", "--import-realm");
            Map<String, String> environment = keycloak.environment();
            assertThat(environment).containsEntry("KC_PROXY_HEADERS", "xforwarded")
                    .containsEntry("KC_DB_URL", "jdbc:postgresql://keycloak-db:5432/keycloak");
            assertThat(environment.get("KC_PROXY_TRUSTED_ADDRESSES")).startsWith("${KEYCLOAK_PROXY_TRUSTED_ADDRESSES:?");
            assertThat(environment.get("KC_HOSTNAME")).startsWith("${KEYCLOAK_PUBLIC_URL:?");
            assertThat(keycloak.ports()).allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
            assertThat(keycloak.dependsOn()).containsKey("keycloak-db");
        }
    }

    @Test
    void thePartnerApiFetchesFromTheKeycloakServiceAndChecksThePublicIssuer() {
        Map<String, String> war = compose.service("partner-api").environment();
        Set<String> keycloakHosts = KEYCLOAKS.stream().flatMap(name -> compose.service(name).hostNames().stream())
                .collect(Collectors.toSet());
        List<String> fetched = List.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "PARTNER_API_KEYCLOAK_TOKEN_ENDPOINT",
                "PARTNER_API_KEYCLOAK_TOKENS_URL", "PARTNER_API_REVOCATION_FEED_URL", "PARTNER_API_AUDIT_FEED_URL");
        for (String name : fetched) {
            URI uri = URI.create(war.get(name));
            assertThat(uri.getHost()).as(name).isIn(keycloakHosts);
            assertThat(uri.getPort()).as(name).isEqualTo(8080);
            assertThat(uri.getPath()).as(name).startsWith("/realms/partners/");
        }
        // the shared alias "keycloak" names both nodes: either may answer
        assertThat(KEYCLOAKS).allSatisfy(name -> assertThat(compose.service(name).hostNames()).contains("keycloak"));
        String keycloakPublicUrl = compose.service("keycloak-1").environment().get("KC_HOSTNAME");
        assertThat(war.get("MP_JWT_VERIFY_ISSUER")).isEqualTo(keycloakPublicUrl + "/realms/partners");
        assertThat(war.get("PARTNER_API_KEYCLOAK_CLIENT_SECRET"))
                .isEqualTo(compose.service("keycloak-1").environment().get(ProductionRealm.WAR_CLIENT_SECRET_VARIABLE));
        assertThat(war).containsEntry("PARTNER_API_KEYCLOAK_CLIENT_ID", ProductionRealm.WAR_CLIENT);
    }

    @Test
    void everyMicroProfileSettingOfThePartnerApiNamesAPropertyTheWarReads() {
        Set<String> readByTheWar = warConfigProperties().stream().map(ProductionComposeTest::environmentName).collect(Collectors.toSet());
        compose.service("partner-api").environment().keySet().stream()
                .filter(name -> !name.startsWith("PARTNER_API_DB_"))
                .forEach(name -> assertThat(readByTheWar).as(name).contains(name));
    }

    @Test
    void theDatasourceSettingsReachEveryPropertyOfTheWarsDatasourceThroughWildFlysConfiguration() {
        String datasource = DeploymentFiles.text(DeploymentFiles.root().resolve("partner-api-war/src/main/webapp/WEB-INF/partner-api-ds.xml"));
        String cli = DeploymentFiles.text(DeploymentFiles.docker().resolve("wildfly/configure-partner-api.cli"));
        Map<String, String> war = compose.service("partner-api").environment();
        for (String property : List.of("partner-api.db.url", "partner-api.db.user", "partner-api.db.password")) {
            assertThat(datasource).contains("${" + property + ":");
            String variable = environmentName(property);
            assertThat(cli).contains("/system-property=" + property + ":add(value=\"${env." + variable + "}\")");
            assertThat(war).containsKey(variable);
        }
        assertThat(cli).contains("/system-property=partner-api.db.driver:add(value=postgresql)")
                .contains("module add --name=org.postgresql");
        assertThat(war).containsEntry("PARTNER_API_DB_URL", "jdbc:postgresql://partner-api-db:5432/partner_api");
        assertThat(compose.service("partner-api").dependsOn()).containsKeys("partner-api-db", "keycloak-1");
    }

    @Test
    void theDemoRealmAndItsPeopleComeOnlyWithTheDemoProfile() {
        compose.services().values().forEach(service -> {
            boolean mountsTheDemo = service.volumes().stream().anyMatch(volume -> volume.contains("keycloak/realms/"));
            if (mountsTheDemo) {
                assertThat(service.profiles()).as(service.name()).containsExactly("demo");
            }
        });
        assertThat(compose.service("demo-realm").volumes()).anyMatch(volume -> volume.startsWith("./keycloak/realms/partners-realm.json:"));
        Dockerfile keycloak = Dockerfile.read(DeploymentFiles.keycloakDockerfile());
        assertThat(keycloak.stages()).flatExtracting(stage -> stage.all("COPY"))
                .extracting(Dockerfile.Instruction::arguments)
                .noneMatch(copy -> copy.contains("keycloak/realms"))
                .anyMatch(copy -> copy.equals("docker/keycloak/production/partners-realm.json /opt/keycloak/data/import/partners-realm.json"));
    }

    private static List<String> warConfigProperties() {
        Path sources = DeploymentFiles.root().resolve("partner-api-war/src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(file -> {
                        Matcher matcher = CONFIG_PROPERTY.matcher(DeploymentFiles.text(file));
                        return matcher.results().map(result -> result.group(1));
                    })
                    .distinct()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MicroProfile Config's environment variable for a property: non-alphanumerics to _, upper case. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }
}
