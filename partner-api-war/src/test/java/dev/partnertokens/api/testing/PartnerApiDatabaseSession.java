package dev.partnertokens.api.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import dev.partnertokens.testing.PostgresDatabase;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The database of Arquillian's WildFly, ready before the first test asks Arquillian to start that WildFly: in the
 * PostgreSQL run a real PostgreSQL (under {@code target/partner-api-postgres}, its own database
 * {@value PartnerApiDatabase#POSTGRES_DATABASE}), otherwise a file-backed H2 under {@code target/partner-api-db}.
 * Hands its connection to arquillian.xml as the system properties {@code partner-api.it.db.url}, {@code .driver},
 * {@code .user} and {@code .password} (Arquillian resolves them when it reads its configuration), and stops the
 * PostgreSQL when the run ends. Registered in META-INF/services.
 */
public final class PartnerApiDatabaseSession implements LauncherSessionListener {

    private PostgresDatabase postgres;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Path target = Path.of(System.getProperty("run.target", "target")).toAbsolutePath();
        Map<String, String> connection = new HashMap<>();
        if (PartnerApiDatabase.ofThisRun() == PartnerApiDatabase.POSTGRES) {
            postgres = PostgresDatabase.start(target.resolve("partner-api-postgres"));
            createDatabase(postgres);
            connection.putAll(PartnerApiDatabase.postgres(postgres.jdbcUrl().replaceFirst("/postgres$", "/" + PartnerApiDatabase.POSTGRES_DATABASE),
                    postgres.user(), postgres.password()));
        } else {
            connection.putAll(PartnerApiDatabase.h2File(target.resolve("partner-api-db/partner-api")));
        }
        // arquillian.xml names all four; H2 takes the datasource's empty defaults
        Map.of("partner-api.db.user", "", "partner-api.db.password", "").forEach(connection::putIfAbsent);
        connection.forEach((property, value) -> System.setProperty(property.replace("partner-api.db.", "partner-api.it.db."), value));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    static void createDatabase(PostgresDatabase postgres) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + PartnerApiDatabase.POSTGRES_DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the partner API's database", e);
        }
    }
}
