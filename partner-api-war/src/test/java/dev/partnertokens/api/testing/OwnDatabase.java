package dev.partnertokens.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The database of a WildFly that a test starts itself ({@link OwnWildFly}), in {@code <directory>/db}: a file-backed
 * H2, or in the PostgreSQL run a real PostgreSQL of its own that the test can stop and start again on the same data
 * and port, as a database server restarts.
 */
public sealed interface OwnDatabase extends AutoCloseable {

    static OwnDatabase forThisRun(Path directory) {
        Path db = directory.resolve("db");
        return PartnerApiDatabase.ofThisRun() == PartnerApiDatabase.POSTGRES
                ? OwnPostgres.start(db, PartnerApiDatabase.POSTGRES_DATABASE)
                : new H2File(db.resolve("partner-api"));
    }

    /** What WildFly needs to reach it (the properties partner-api-ds.xml reads). */
    Map<String, String> wildFlyProperties();

    /** Stops the database server and starts it again on the same data; call it while WildFly is stopped. */
    void restart();

    @Override
    void close();

    /** H2 runs inside WildFly: stopping WildFly stops the database, starting it opens the same file again. */
    record H2File(Path file) implements OwnDatabase {

        @Override
        public Map<String, String> wildFlyProperties() {
            return PartnerApiDatabase.h2File(file);
        }

        @Override
        public void restart() {
            // nothing runs outside WildFly
        }

        @Override
        public void close() {
            // the file stays under target/
        }
    }

    /**
     * A PostgreSQL process of this test's own with one database, {@code database}; its data stays under target/ until
     * the next run of the test. User and password are {@code postgres}.
     */
    final class OwnPostgres implements OwnDatabase {

        private final Path directory;
        private final String database;
        private final int port;
        private EmbeddedPostgres server;

        private OwnPostgres(Path directory, String database, EmbeddedPostgres server) {
            this.directory = directory;
            this.database = database;
            this.server = server;
            this.port = server.getPort();
        }

        /** Starts PostgreSQL on an empty data directory under {@code directory} and creates {@code database}. */
        public static OwnPostgres start(Path directory, String database) {
            OwnPostgres postgres = new OwnPostgres(directory, database, launch(directory, 0));
            try {
                postgres.asSuperuser("create database " + database);
            } catch (IllegalStateException e) {
                postgres.close();
                throw e;
            }
            return postgres;
        }

        /** The JDBC URL of its database. */
        public String jdbcUrl() {
            return url(database);
        }

        public int port() {
            return port;
        }

        /** Runs statements as the superuser {@code postgres}, in the {@code postgres} database (roles, ownership). */
        public void asSuperuser(String... statements) {
            try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "postgres");
                 Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL refused: " + e.getMessage(), e);
            }
        }

        /**
         * Never with {@code setCleanDataDirectory(true)}: that also deletes the data when the server stops, and a
         * restart would find an empty cluster. {@link OwnWildFly} empties the directory before the first start.
         */
        private static EmbeddedPostgres launch(Path directory, int port) {
            try {
                Files.createDirectories(directory);
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
                        .setDataDirectory(directory.resolve("data"))
                        .setCleanDataDirectory(false)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("unix_socket_directories", directory.toAbsolutePath().toString());
                if (port > 0) {
                    builder.setPort(port);
                }
                EmbeddedPostgres server = builder.start();
                System.out.printf("[postgres] PostgreSQL of %s ready on 127.0.0.1:%d%n", directory, server.getPort());
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start PostgreSQL in " + directory, e);
            }
        }

        private String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        @Override
        public Map<String, String> wildFlyProperties() {
            return PartnerApiDatabase.postgres(jdbcUrl(), "postgres", "postgres");
        }

        @Override
        public void restart() {
            stop();
            server = launch(directory, port);
        }

        @Override
        public void close() {
            stop();
        }

        private void stop() {
            if (server != null) {
                try {
                    server.close();
                    System.out.printf("[postgres] PostgreSQL of %s stopped%n", directory);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    server = null;
                }
            }
        }
    }
}
