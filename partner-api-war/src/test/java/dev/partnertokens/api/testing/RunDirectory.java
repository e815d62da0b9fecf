package dev.partnertokens.api.testing;

import java.io.IOException;
import java.nio.file.Path;

import dev.partnertokens.testing.KeycloakServer;

/** Directories of the servers and databases a test starts itself, under the build's {@code target/}. */
public final class RunDirectory {

    private RunDirectory() {
    }

    /** {@code target/<name>}, emptied: what an earlier run of the test left there is gone. */
    public static Path fresh(String name) throws IOException {
        Path directory = Path.of(System.getProperty("run.target", "target")).toAbsolutePath().resolve(name);
        KeycloakServer.deleteRecursively(directory);
        return directory;
    }
}
