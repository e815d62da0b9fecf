package dev.partnertokens.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.KeycloakSettings;
import dev.partnertokens.testing.WildFlyServer;

/**
 * The README's first command: Keycloak (dev-file database, the provider, the demo realm) and WildFly (its own
 * H2, the partner API WAR) on 127.0.0.1, in the foreground, both stopped cleanly on Ctrl-C.
 *
 * <p>Started by {@code ./mvnw -Prun package}, which passes the paths below as system properties.
 */
public final class LocalRun {

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        int keycloakPort = Integer.getInteger("keycloak.port", 8080);
        int managementPort = Integer.getInteger("keycloak.management.port", 9000);
        int wildflyOffset = Integer.getInteger("wildfly.port.offset", 100);
        Path target = Path.of(System.getProperty("run.target", "partner-api-war/target"));

        KeycloakSettings settings = new KeycloakSettings(
                ownCopy(Path.of(System.getProperty("keycloak.home")), target.resolve("run/keycloak")),
                List.of(Path.of(System.getProperty("keycloak.providers.dir"), "token-spi.jar"),
                        Path.of(System.getProperty("keycloak.providers.dir"), "keycloak-themes.jar")),
                List.of(Path.of(System.getProperty("demo.realm"))),
                // the partner API on 127.0.0.1 tells Keycloak the partner's address (keys' IP allowlists, docs/ip-allowlists.md)
                "dev-file", List.of(), List.of("--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1"), Map.of(),
                keycloakPort, managementPort, target.resolve("run/keycloak.log"), false);

        KeycloakServer keycloak = KeycloakServer.start(settings);
        String realm = keycloak.realmUri("partners").toString();
        WildFlyServer wildfly;
        try {
            wildfly = WildFlyServer.start(Path.of(System.getProperty("wildfly.home")), target.resolve("run/wildfly"),
                    Path.of(System.getProperty("partner-api.war")), wildflyOffset,
                    Map.of("mp.jwt.verify.publickey.location", realm + "/protocol/openid-connect/certs",
                            "mp.jwt.verify.issuer", realm,
                            "partner-api.db.url", "jdbc:h2:file:" + target.toAbsolutePath().resolve("run/partner-api-db/partner-api")
                                    + ";DB_CLOSE_ON_EXIT=FALSE"),
                    "/partner-api/api/v1/me", target.resolve("run/wildfly.log"));
        } catch (RuntimeException e) {
            keycloak.close();
            throw e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Partner Tokens ...");
            wildfly.close();
            keycloak.close();
            stopped.countDown();
        }, "partner-tokens-shutdown"));

        System.out.println(banner(keycloak, wildfly));
        stopped.await();
    }

    /**
     * The local run keeps its own copy of the distribution, so that its demo database never mixes with the
     * integration tests' (they share {@code target/keycloak-*} and start from an empty database).
     */
    private static Path ownCopy(Path distribution, Path copy) throws IOException {
        if (Files.isRegularFile(copy.resolve("bin/kc.sh"))) {
            return copy;
        }
        try (Stream<Path> files = Files.walk(distribution)) {
            for (Path source : files.filter(p -> !distribution.relativize(p).startsWith("data")).toList()) {
                Path destination = copy.resolve(distribution.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.createDirectories(copy.resolve("data"));
        return copy;
    }

    private static String banner(KeycloakServer keycloak, WildFlyServer wildfly) {
        String kc = keycloak.baseUri().toString();
        String api = wildfly.baseUri() + "/partner-api";
        return """

                ================================================================================
                 Partner Tokens is running (Keycloak %s, WildFly with the partner API).

                 Partner dashboard          %s/
                   owner@acme.example / owner           Owner of Acme Payments: edits and revokes keys
                   admin@acme.example / admin           Admin of Acme: creates keys, reads the audit trail
                   developer@acme.example / developer   Developer of Acme: lists, views and creates keys
                   owner@globex.example / owner         Owner of Globex
                   consultant@partners.example / consultant   Developer of Acme and Owner of Globex

                 Keycloak admin console     %s/admin/             admin / admin

                 curl
                   TOKEN=$(curl -s -u demo-cc:demo-cc-secret -d grant_type=client_credentials \\
                     %s/realms/partners/protocol/openid-connect/token \\
                     | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
                   curl -H "Authorization: Bearer $TOKEN" %s/api/v1/me
                   curl %s/realms/partners/partners/api/v2/status

                 Partner keys, three ways to get a token, the tokens API and the partner endpoints:
                 see the walk-through in docs/walk-through.md.

                 Logs: partner-api-war/target/run/. Press Ctrl-C to stop both servers.
                ================================================================================
                """.formatted(System.getProperty("keycloak.version", ""), api, kc, kc, api, kc);
    }
}
