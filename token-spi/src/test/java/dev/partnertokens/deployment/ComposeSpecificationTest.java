package dev.partnertokens.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker/compose.yaml through a real implementation of the compose specification: {@code docker-compose config}
 * (Debian's docker-compose 1.29.2) parses the file, validates it against its schema and interpolates the variables,
 * without a container engine. Skipped, saying so, on a machine without it: {@code apt-get install -y docker-compose}
 * (.ci/run installs it).
 */
class ComposeSpecificationTest {

    /** Values for every variable the file uses: production's required settings, none of them real. */
    static final Map<String, String> SETTINGS = Map.of(
            "KEYCLOAK_DB_PASSWORD", "kc-db-3b1f",
            "KEYCLOAK_PUBLIC_URL", "https://auth.partners.test",
            "KEYCLOAK_PROXY_TRUSTED_ADDRESSES", "172.16.0.0/12",
            "KEYCLOAK_ADMIN_USERNAME", "first-admin",
            "KEYCLOAK_ADMIN_PASSWORD", "admin-9c2e",
            "PARTNER_API_WAR_CLIENT_SECRET", "war-secret-51aa",
            "PARTNER_API_PUBLIC_URL", "https://partners.partners.test",
            "PARTNER_API_DB_PASSWORD", "api-db-77d0");

    private static Path dockerCompose;

    @BeforeAll
    static void findDockerCompose() {
        dockerCompose = Tools.onPath("docker-compose").orElse(null);
        assumeTrue(dockerCompose != null,
                "docker-compose is not installed, the compose file is not validated: apt-get install -y docker-compose");
    }

    @Test
    void theComposeFileIsValidWithEveryRequiredSetting() {
        Result result = config(SETTINGS, "config", "--quiet");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theDemoProfileIsValidToo() {
        Result result = config(SETTINGS, "--profile", "demo", "config", "--services");
        assertThat(result.exitCode()).as(result.output()).isZero();
        // (docker-compose 1.29 lists every service here, profile or not: ProductionComposeTest checks the profile)
        assertThat(result.output().lines()).contains("demo-realm", "keycloak-db", "keycloak-1", "keycloak-2",
                "partner-api-db", "partner-api");
    }

    @Test
    void everyMissingSettingStopsComposeWithItsName() {
        for (String missing : SETTINGS.keySet()) {
            Map<String, String> settings = new HashMap<>(SETTINGS);
            settings.remove(missing);
            Result result = config(settings, "config", "--quiet");
            assertThat(result.exitCode()).as("without " + missing).isNotZero();
            assertThat(result.output()).as("without " + missing).contains("set " + missing + ",");
        }
    }

    @Test
    void anEmptySettingIsAsGoodAsAMissingOne() {
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("PARTNER_API_WAR_CLIENT_SECRET", "");
        Result result = config(settings, "config", "--quiet");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("set PARTNER_API_WAR_CLIENT_SECRET,");
    }

    @Test
    void theInterpolatedFileCarriesTheSettingsWhereTheServersReadThem() {
        Result result = config(SETTINGS, "config");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("KC_HOSTNAME: https://auth.partners.test")
                .contains("MP_JWT_VERIFY_ISSUER: https://auth.partners.test/realms/partners")
                .contains("PARTNER_API_KEYCLOAK_CLIENT_SECRET: war-secret-51aa")
                .contains("KC_PROXY_TRUSTED_ADDRESSES: 172.16.0.0/12");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result config(Map<String, String> settings, String... arguments) {
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "compose-check");
        try {
            Files.createDirectories(work);
            Path output = Files.createTempFile(work, "compose", ".log");
            List<String> command = new java.util.ArrayList<>(List.of(dockerCompose.toString(),
                    "--project-name", "partner-tokens", "--file", DeploymentFiles.compose().toString()));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("KEYCLOAK_") || name.startsWith("PARTNER_API_")
                    || name.startsWith("COMPOSE_") || name.startsWith("DOCKER_"));
            // No container engine is needed: a daemon that cannot exist proves it
            environment.put("DOCKER_HOST", "unix://" + work.resolve("no-docker-daemon.sock"));
            environment.putAll(new LinkedHashMap<>(settings));
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("docker-compose did not finish in 120 s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new AssertionError("Could not run docker-compose", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
