package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * openid-client (panva's OpenID Connect client for Node.js, 6.9.0, unmodified, from the npm registry) against a
 * partner key with API scopes: discovery from the realm's issuer, HTTP Basic, {@code scope=gateway vault fx} gives a
 * token with exactly those; {@code disputes} of a key without it gives {@code invalid_scope}. The script is
 * {@code src/test/openid-client/grant.mjs}. Without Node.js and npm on the machine the class is skipped with a message.
 */
@ExtendWith(KeycloakExtension.class)
class OpenidClientIT {

    private static final Path SOURCE = Paths.get("src/test/openid-client");
    private static final Path WORK = Paths.get("target/openid-client");

    private PartnerRealm realm;
    private KeycloakServer keycloak;

    @BeforeAll
    static void installOpenidClient() throws Exception {
        Assumptions.assumeTrue(runs("node", "--version") && runs("npm", "--version"),
                "openid-client tests skipped: no Node.js/npm on this machine (install them with: sudo apt-get install -y nodejs npm)");
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "grant.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Result install = run(WORK, 300, "npm", "install", "--no-audit", "--no-fund", "--no-package-lock");
        assertThat(install.exit()).as("npm install openid-client: " + install.output()).isZero();
    }

    @BeforeEach
    void realm(KeycloakServer server) {
        keycloak = server;
        realm = new PartnerRealm(server);
    }

    @Test
    void getsATokenWithExactlyGatewayVaultAndFx() throws Exception {
        Key key = realm.createKey("acme", PartnerRealm.keyRequest("openid-client", List.of("VIEW", "TRANSACT"),
                List.of("gateway", "vault", "fx", "disputes")));

        JsonNode answer = grant(key, "gateway vault fx");

        assertThat(answer.has("error")).as(answer.toString()).isFalse();
        assertThat(Arrays.asList(answer.path("tokenScope").asText().split(" "))).containsExactlyInAnyOrder("gateway", "vault", "fx");
        assertThat(Arrays.asList(answer.path("scope").asText().split(" "))).containsExactlyInAnyOrder("gateway", "vault", "fx");
        assertThat(answer.path("azp").asText()).isEqualTo(key.clientId());
        assertThat(answer.path("expiresIn").asInt()).isPositive();
    }

    @Test
    void askingForDisputesOfAKeyWithoutItGetsInvalidScope() throws Exception {
        Key key = realm.createKey("acme", PartnerRealm.keyRequest("openid-client without disputes", List.of("VIEW"),
                List.of("gateway", "vault", "fx")));

        JsonNode answer = grant(key, "disputes");

        assertThat(answer.path("error").asText()).as(answer.toString()).isEqualTo("invalid_scope");
    }

    /** Keycloak answers 401 with a {@code WWW-Authenticate} challenge (ADR 5); openid-client surfaces the challenge. */
    @Test
    void aWrongSecretIsRefusedWithA401Challenge() throws Exception {
        Key key = realm.createKey("acme", PartnerRealm.keyRequest("openid-client wrong secret", List.of("VIEW"), List.of("fx")));

        JsonNode answer = grant(new Key(key.id(), key.clientId(), key.secret().substring(0, key.secret().length() - 1) + "x",
                key.created()), "fx");

        assertThat(answer.path("error").asText()).as(answer.toString()).isEqualTo("OAUTH_WWW_AUTHENTICATE_CHALLENGE");
        assertThat(answer.path("status").asInt()).isEqualTo(401);
    }

    private JsonNode grant(Key key, String scope) throws Exception {
        Result result = run(WORK, 60, "node", "grant.mjs", keycloak.realmUri(PartnerRealm.REALM).toString(), key.clientId(),
                key.secret(), scope);
        String lastLine = result.output().strip().lines().reduce((first, second) -> second).orElse("");
        return Http.json(lastLine);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path directory, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(line).directory(directory.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command.length > 0 ? command[0] : "") + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static boolean runs(String... command) {
        try {
            return run(Paths.get("."), 20, command).exit() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
