package dev.partnertokens.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the CPU goes, scenario by scenario: with {@code -Dbench.jfr=<directory>}, every measured scenario of every
 * round is recorded by Java Flight Recorder inside Keycloak ({@code jcmd <pid> JFR.start settings=profile}), into
 * {@code <directory>/round-<n>-<label>.jfr}, so that (a) alone can be compared with (b) alone. Without the property
 * nothing is recorded. Read the files with {@code jfr print --events jdk.ExecutionSample} or JDK Mission Control.
 */
final class FlightRecordings {

    private static final String NAME = "partner-tokens-bench";

    private final Path directory;
    private final long keycloakPid;
    private final Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");

    private FlightRecordings(Path directory, long keycloakPid) {
        this.directory = directory;
        this.keycloakPid = keycloakPid;
    }

    /** Recordings into {@code bench.jfr}, if set. */
    static Optional<FlightRecordings> fromSystemProperties(long keycloakPid) {
        String directory = System.getProperty("bench.jfr", "").trim();
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FlightRecordings(Files.createDirectories(Paths.get(directory).toAbsolutePath()), keycloakPid));
        } catch (IOException e) {
            throw new IllegalArgumentException("bench.jfr: cannot make directory " + directory, e);
        }
    }

    /** Starts recording one scenario's measurement. */
    void start(int round, String label) {
        Path file = directory.resolve("round-" + round + "-" + label.replaceAll("[^a-z0-9]", "") + ".jfr");
        jcmd("JFR.start", "name=" + NAME, "settings=profile", "filename=" + file);
    }

    /** Stops and writes the recording started last. */
    void stop() {
        jcmd("JFR.stop", "name=" + NAME);
    }

    private void jcmd(String... command) {
        List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(keycloakPid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd failed: " + String.join(" ", line));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }
}
