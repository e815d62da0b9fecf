package dev.partnertokens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The database of the running Keycloak, reachable from a test while Keycloak runs, for tests that check what is
 * stored. The JDBC driver is the one in the Keycloak distribution, so the test classpath needs none.
 *
 * <p>Keycloak's dev-file H2 database is opened with {@code AUTO_SERVER=TRUE} by the harness (see
 * {@link #devFileStartOptions()}): H2 then lets a second process in through a local TCP server instead of refusing
 * it because the file is locked.
 *
 * @param vendor {@code h2} or {@code postgres}
 */
public record KeycloakDatabase(String vendor, String jdbcUrl, String user, String password, String driverClass,
                               Path driverJar) {

    private static final String DEV_FILE_USER = "sa";
    private static final String DEV_FILE_PASSWORD = "partner-tokens-test";

    /**
     * The {@code kc.sh start} options that make the dev-file database reachable as {@link #devFile}. H2 refuses
     * {@code AUTO_SERVER} with the {@code DB_CLOSE_ON_EXIT=FALSE} Keycloak adds unless the URL says otherwise.
     */
    public static List<String> devFileStartOptions() {
        return List.of("--db-url-properties=;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=TRUE", "--db-username=" + DEV_FILE_USER, "--db-password=" + DEV_FILE_PASSWORD);
    }

    public static KeycloakDatabase devFile(Path keycloakHome) {
        return new KeycloakDatabase("h2",
                "jdbc:h2:file:" + keycloakHome.toAbsolutePath().normalize().resolve("data/h2/keycloakdb") + ";AUTO_SERVER=TRUE",
                DEV_FILE_USER, DEV_FILE_PASSWORD, "org.h2.Driver", driverJar(keycloakHome, "com.h2database.h2-"));
    }

    public static KeycloakDatabase postgres(Path keycloakHome, PostgresDatabase postgres) {
        return new KeycloakDatabase("postgres", postgres.jdbcUrl(), postgres.user(), postgres.password(), "org.postgresql.Driver",
                driverJar(keycloakHome, "org.postgresql.postgresql-"));
    }

    /** A new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        Connection connection = driver().connect(jdbcUrl, credentials);
        if (connection == null) {
            throw new SQLException(driverClass + " does not accept " + jdbcUrl);
        }
        return connection;
    }

    private Driver driver() throws SQLException {
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {driverJar.toUri().toURL()}, getClass().getClassLoader());
            return (Driver) Class.forName(driverClass, true, loader).getDeclaredConstructor().newInstance();
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new SQLException("Cannot load " + driverClass + " from " + driverJar, e);
        }
    }

    private static Path driverJar(Path keycloakHome, String prefix) {
        Path libraries = keycloakHome.resolve("lib/lib/main");
        try (Stream<Path> jars = Files.list(libraries)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith(prefix) && jar.toString().endsWith(".jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + prefix + "*.jar in " + libraries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
