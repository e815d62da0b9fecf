package dev.partnertokens.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Dockerfiles through a Dockerfile linter: {@code dockerfile-utils lint} (npm package dockerfile-utils, the
 * validator of the Docker language server; hadolint cannot be installed here). Skipped, saying so, without it:
 * {@code npm install -g dockerfile-utils@0.16.3} (.ci/run installs it).
 */
class DockerfileLintTest {

    private static Path linter;

    @BeforeAll
    static void findLinter() {
        linter = Tools.onPath("dockerfile-utils").orElse(null);
        assumeTrue(linter != null,
                "dockerfile-utils is not installed, the Dockerfiles are not linted: npm install -g dockerfile-utils@0.16.3");
    }

    @Test
    void theKeycloakDockerfileHasNoFinding() {
        assertThat(lint(DeploymentFiles.keycloakDockerfile())).isEmpty();
    }

    @Test
    void theWildFlyDockerfileHasNoFinding() {
        assertThat(lint(DeploymentFiles.wildflyDockerfile())).isEmpty();
    }

    @Test
    void theLinterFindsWhatIsWrongInABrokenDockerfile() throws IOException {
        Path broken = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "dockerfile-lint"))
                .resolve("Dockerfile");
        Files.writeString(broken, "FROM quay.io/keycloak/keycloak:26.7.3\nEXPOSE http\nADD --sha=1 a b\nCMD [\"start\"]\n");
        assertThat(lint(broken)).extracting(finding -> finding.path("message").asText())
                .contains("Invalid containerPort: http", "Unknown flag: sha");
    }

    private static List<JsonNode> lint(Path dockerfile) {
        try {
            Path output = Files.createTempFile(Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))), "lint", ".json");
            Process process = new ProcessBuilder(linter.toString(), "lint", "--json", dockerfile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("dockerfile-utils did not finish in 60 s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            JsonNode findings = new ObjectMapper().readTree(text);
            assertThat(findings.isArray()).as(text).isTrue();
            return java.util.stream.StreamSupport.stream(findings.spliterator(), false).toList();
        } catch (IOException e) {
            throw new AssertionError("Could not run dockerfile-utils", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
