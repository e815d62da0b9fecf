package dev.partnertokens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/** Starting, waiting for and stopping server processes (Keycloak, WildFly) so that none is left behind. */
public final class ServerProcesses {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcesses() {
    }

    /**
     * Polls {@code uri} until its status satisfies {@code ready}.
     *
     * @throws IllegalStateException when the process dies or the timeout passes first
     */
    public static void awaitHttp(Process process, URI uri, IntPredicate ready, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.test(response.statusCode())) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException(what + " was not ready within " + timeout);
    }

    /**
     * Asks the process and everything it started to stop (SIGTERM), waits, then kills what is left.
     * Shell launchers such as {@code standalone.sh} do not always pass the signal on, hence the descendants.
     */
    public static void stop(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        Instant deadline = Instant.now().plus(grace);
        try {
            for (ProcessHandle handle : descendants) {
                long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                handle.onExit().get(left, TimeUnit.MILLISECONDS);
            }
            process.waitFor(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception timeout) {
            // killed below
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    static void mustSucceed(Process process, Duration timeout, String what) {
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                stop(process, Duration.ofSeconds(5));
                throw new IllegalStateException(what + " took longer than " + timeout);
            }
        } catch (InterruptedException e) {
            stop(process, Duration.ofSeconds(5));
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(what + " failed with exit code " + process.exitValue());
        }
    }

    static UncheckedIOException couldNotRun(Object command, IOException e) {
        return new UncheckedIOException("Could not run " + command, e);
    }
}
