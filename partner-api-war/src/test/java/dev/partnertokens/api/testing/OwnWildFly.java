package dev.partnertokens.api.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.WildFlyServer;

/**
 * A WildFly that a test starts and stops itself (to restart it, or to point it somewhere else), next to Arquillian's:
 * its port offset is Arquillian's ({@code wildfly.port.offset}) + 200, its base directory and database under target/.
 * The database is this run's kind ({@link PartnerApiDatabase}): in the PostgreSQL run a PostgreSQL of its own, which
 * {@link #close()} stops.
 */
public final class OwnWildFly implements AutoCloseable {

    private final Path base;
    private final OwnDatabase database;
    private final Map<String, String> properties = new HashMap<>();

    /** A WildFly checking the tokens of the build's Keycloak, with its own database in {@code target/<name>/} (emptied first). */
    public OwnWildFly(KeycloakServer keycloak, String name) throws IOException {
        base = RunDirectory.fresh(name);
        String realm = keycloak.realmUri("partners").toString();
        properties.put("mp.jwt.verify.publickey.location", realm + "/protocol/openid-connect/certs");
        properties.put("mp.jwt.verify.issuer", realm);
        database = OwnDatabase.forThisRun(base);
        properties.putAll(database.wildFlyProperties());
    }

    public static int portOffset() {
        return Integer.getInteger("wildfly.port.offset", 400) + 200;
    }

    /** A port on 127.0.0.1 that nothing listens on. */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Sets a system property (MicroProfile Config) for the next start. */
    public OwnWildFly with(String property, String value) {
        properties.put(property, value);
        return this;
    }

    /** Starts WildFly with the WAR Maven built; its log is {@code wildfly-<run>.log} in the base directory. */
    public WildFlyServer start(String run) throws IOException {
        return WildFlyServer.start(Path.of(System.getProperty("wildfly.home")), base.resolve("wildfly"),
                Path.of(System.getProperty("partner-api.war", "target/partner-api.war")), portOffset(), Map.copyOf(properties),
                "/partner-api/api/v1/me", log(run));
    }

    public Path log(String run) {
        return base.resolve("wildfly-" + run + ".log");
    }

    /** Stops the database server and starts it again on the same data (with H2 inside WildFly: nothing to do). */
    public void restartDatabase() {
        database.restart();
    }

    @Override
    public void close() {
        database.close();
    }
}
