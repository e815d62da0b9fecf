package dev.partnertokens.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Like {@link LoadGenerator}, for requests that differ from one to the next: each worker sends the requests of
 * {@code requests} in turn (shared round robin), so that a get-by-id reads many keys, not one.
 */
final class RotatingLoad {

    private final HttpClient http;
    private final int workers;

    RotatingLoad(HttpClient http, int workers) {
        this.http = http;
        this.workers = workers;
    }

    Measurement run(List<HttpRequest> requests, Duration duration) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicLong next = new AtomicLong();
        try {
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            List<Future<WorkerTally>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(() -> loop(requests, next, deadline)));
            }
            List<WorkerTally> tallies = new ArrayList<>();
            for (Future<WorkerTally> worker : running) {
                tallies.add(worker.get());
            }
            return Measurement.of(tallies, Duration.ofNanos(System.nanoTime() - start));
        } catch (ExecutionException e) {
            throw new IllegalStateException("A benchmark worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(Scenario.REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        }
    }

    private WorkerTally loop(List<HttpRequest> requests, AtomicLong next, long deadline) throws InterruptedException {
        WorkerTally tally = new WorkerTally();
        while (System.nanoTime() < deadline) {
            HttpRequest request = requests.get((int) (next.getAndIncrement() % requests.size()));
            long sent = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    tally.grant(System.nanoTime() - sent);
                } else {
                    tally.error(response.statusCode());
                }
            } catch (IOException e) {
                tally.error(WorkerTally.NO_ANSWER);
                Thread.sleep(50);
            }
        }
        return tally;
    }
}
