package dev.partnertokens.deployment;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The images: Keycloak 26.7.3 built once with the provider and started optimized; WildFly with its driver. */
class ProductionDockerfilesTest {

    private final Dockerfile keycloak = Dockerfile.read(DeploymentFiles.keycloakDockerfile());
    private final Dockerfile wildfly = Dockerfile.read(DeploymentFiles.wildflyDockerfile());

    @Test
    void keycloakIsTheDistribution2673WithTheProviderAndThemesBuiltAtImageBuildTime() {
        assertThat(keycloak.stages()).extracting(Dockerfile.Stage::from)
                .containsExactly("quay.io/keycloak/keycloak:26.7.3 AS builder", "quay.io/keycloak/keycloak:26.7.3");
        Dockerfile.Stage builder = keycloak.first();
        assertThat(builder.all("COPY")).extracting(Dockerfile.Instruction::arguments).containsExactly(
                "token-spi/target/token-spi-*[0-9T].jar /opt/keycloak/providers/token-spi.jar",
                "keycloak-themes/target/keycloak-themes-*[0-9T].jar /opt/keycloak/providers/keycloak-themes.jar");
        assertThat(builder.last("RUN").arguments()).isEqualTo("/opt/keycloak/bin/kc.sh build");
        assertThat(builder.environment()).containsEntry("KC_DB", "postgres")
                .containsEntry("KC_HEALTH_ENABLED", "true")
                .containsEntry("KC_FEATURES", "declarative-ui");
    }

    @Test
    void keycloakStartsOptimizedThroughTheEntryPointThatChecksTheRealmsVariables() {
        Dockerfile.Stage image = keycloak.last();
        assertThat(image.last("ENTRYPOINT").execForm()).containsExactly("/bin/bash", "/opt/keycloak/bin/start-keycloak.sh");
        assertThat(image.last("CMD").execForm()).containsExactly("start", "--optimized", "--import-realm");
        assertThat(image.last("USER").arguments()).isEqualTo("1000");
        assertThat(image.all("COPY")).extracting(Dockerfile.Instruction::arguments)
                .contains("docker/keycloak/start-keycloak.sh /opt/keycloak/bin/start-keycloak.sh");
    }

    @Test
    void composeRunsKeycloakWithTheImagesCommand() {
        ComposeFile compose = ComposeFile.read(DeploymentFiles.compose());
        List<String> imageCommand = keycloak.last().last("CMD").execForm();
        for (String name : List.of("keycloak-1", "keycloak-2")) {
            assertThat(compose.service(name).command()).isEqualTo(imageCommand);
            assertThat(compose.service(name).dockerfile()).contains("docker/keycloak/Dockerfile");
        }
        // build-time options are the image's: compose must not try to change them at start
        Map<String, String> buildOptions = keycloak.first().environment();
        assertThat(compose.service("keycloak-1").environment()).doesNotContainKeys(buildOptions.keySet().toArray(String[]::new));
    }

    @Test
    void wildflyInstallsAPinnedPostgresqlDriverAndTheWar() {
        assertThat(wildfly.stages()).extracting(Dockerfile.Stage::from).containsExactly("quay.io/wildfly/wildfly:39.0.1.Final-jdk17");
        Dockerfile.Stage image = wildfly.last();
        assertThat(image.all("ADD")).singleElement().satisfies(add -> assertThat(add.arguments())
                .contains("--checksum=sha256:", "https://repo1.maven.org/maven2/org/postgresql/postgresql/"));
        assertThat(image.last("RUN").arguments()).contains("jboss-cli.sh --file=/opt/jboss/configure-partner-api.cli");
        assertThat(image.all("COPY")).extracting(Dockerfile.Instruction::arguments)
                .contains("partner-api-war/target/partner-api.war /opt/jboss/wildfly/standalone/deployments/partner-api.war");
        // the management interface (health checks) stays inside the container
        assertThat(image.last("CMD").execForm()).containsSequence("-bmanagement", "127.0.0.1");
    }

    @Test
    void noImageCarriesASecretInItsEnvironment() {
        for (Dockerfile dockerfile : List.of(keycloak, wildfly)) {
            dockerfile.stages().forEach(stage -> assertThat(stage.environment().keySet())
                    .noneMatch(name -> name.matches(".*(PASSWORD|SECRET|ADMIN).*")));
        }
    }
}
