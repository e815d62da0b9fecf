package dev.partnertokens.api.testing;

import dev.partnertokens.testing.KeycloakCluster;
import dev.partnertokens.testing.KeycloakServer;
import dev.partnertokens.testing.KeycloakSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Keycloak that a test starts and stops itself, on a PostgreSQL of its own that the test can stop and start again
 * on the same data and port, as in production: for a restart of everything. Its own copy of the build's distribution
 * under {@code target/<name>/keycloak}, built once for PostgreSQL, with the providers, realms and start options of the
 * run's Keycloak; the same HTTP port at every start, so that tokens issued before a restart name the same issuer.
 */
public final class OwnKeycloak implements AutoCloseable {

    private final OwnDatabase.OwnPostgres database;
    private final KeycloakSettings settings;
    private KeycloakServer running;

    private OwnKeycloak(OwnDatabase.OwnPostgres database, KeycloakSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    /** Starts PostgreSQL, copies and builds the distribution; Keycloak itself starts with {@link #start()}. */
    public static OwnKeycloak onPostgres(String name) throws IOException {
        Path base = RunDirectory.fresh(name);
        KeycloakSettings template = KeycloakSettings.fromSystemProperties();
        OwnDatabase.OwnPostgres database = OwnDatabase.OwnPostgres.start(base.resolve("db"), "keycloak");
        try {
            KeycloakSettings settings = template
                    .withDatabase("postgres", List.of("--db-url=" + database.jdbcUrl(), "--db-username=postgres", "--db-password=postgres"))
                    .forNode(base.resolve("keycloak"), List.of(), Map.of(), KeycloakSettings.freePort(), KeycloakSettings.freePort(),
                            base.resolve("keycloak.log"));
            KeycloakCluster.copyDistribution(template.home(), settings.home());
            KeycloakServer.build(settings);
            return new OwnKeycloak(database, settings);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Starts Keycloak (again) and waits until it is ready. */
    public KeycloakServer start() {
        if (running != null) {
            throw new IllegalStateException("Keycloak runs already at " + running.baseUri());
        }
        running = KeycloakServer.startBuilt(settings);
        return running;
    }

    /** The running Keycloak. */
    public KeycloakServer server() {
        if (running == null) {
            throw new IllegalStateException("Keycloak is not running");
        }
        return running;
    }

    /** Stops Keycloak cleanly (it writes what it holds, such as keys' last uses), as an operator's shutdown does. */
    public void stop() {
        server().close();
        running = null;
    }

    /** Stops Keycloak's PostgreSQL and starts it again on the same data and port; call it while Keycloak is stopped. */
    public void restartDatabase() {
        if (running != null) {
            throw new IllegalStateException("Stop Keycloak before its database");
        }
        database.restart();
    }

    @Override
    public void close() {
        try {
            if (running != null) {
                stop();
            }
        } finally {
            database.close();
        }
    }
}
