package dev.partnertokens.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The production deployment's files under {@code docker/} of this repository, found from the module the tests run in.
 */
public final class DeploymentFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeploymentFiles() {
    }

    /** The repository root: the first directory upwards from the working directory that holds docker/compose.yaml. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker/compose.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No docker/compose.yaml above " + Path.of("").toAbsolutePath());
    }

    public static Path docker() {
        return root().resolve("docker");
    }

    public static Path compose() {
        return docker().resolve("compose.yaml");
    }

    public static Path productionRealmFile() {
        return docker().resolve("keycloak/production/partners-realm.json");
    }

    /** The demo realm of the local run and the tests. */
    public static Path demoRealmFile() {
        return docker().resolve("keycloak/realms/partners-realm.json");
    }

    public static Path keycloakDockerfile() {
        return docker().resolve("keycloak/Dockerfile");
    }

    public static Path wildflyDockerfile() {
        return docker().resolve("wildfly/Dockerfile");
    }

    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
