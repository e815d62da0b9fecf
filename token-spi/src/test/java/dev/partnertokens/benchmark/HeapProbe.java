package dev.partnertokens.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The heap a Keycloak holds after a full collection: {@code jcmd <pid> GC.run} on its JVM (found by its
 * distribution's path on the command line), then the heap pools' {@code jvm_memory_used_bytes} of its metrics.
 */
final class HeapProbe {

    private final HttpClient http;
    private final URI metrics;
    private final Path home;

    HeapProbe(HttpClient http, URI managementUri, Path home) {
        this.http = http;
        this.metrics = URI.create(managementUri + "/metrics");
        this.home = home.toAbsolutePath();
    }

    /** Heap in use after a full GC, in MB; empty when the JVM or its metrics cannot be reached. */
    Optional<Double> retainedHeapMegabytes() throws IOException, InterruptedException {
        Optional<ProcessHandle> jvm = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(home.toString())).orElse(false))
                .findFirst();
        if (jvm.isEmpty()) {
            return Optional.empty();
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (int i = 0; i < 2; i++) {
            Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(jvm.get().pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!gc.waitFor(60, TimeUnit.SECONDS)) {
                gc.destroy();
                return Optional.empty();
            }
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            return Optional.empty();
        }
        double bytes = 0;
        for (String line : answer.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Optional.of(bytes / 1e6);
    }
}
