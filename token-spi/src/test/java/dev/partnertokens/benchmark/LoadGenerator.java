package dev.partnertokens.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends one scenario's request from a fixed number of workers, each a sequential loop, until a deadline.
 * A worker never starts a request after the deadline, and every request has a timeout, so a run always ends.
 */
final class LoadGenerator {

    /** After a request got no answer at all, so that a dead server is not hammered in a tight loop. */
    private static final long NO_ANSWER_PAUSE_MILLIS = 50;

    private final HttpClient http;
    private final int workers;

    LoadGenerator(HttpClient http, int workers) {
        this.http = http;
        this.workers = workers;
    }

    Measurement run(Scenario scenario, Duration duration) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            List<Future<WorkerTally>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(() -> loop(scenario, deadline)));
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

    private WorkerTally loop(Scenario scenario, long deadline) throws InterruptedException {
        WorkerTally tally = new WorkerTally();
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(scenario.request(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    tally.grant(System.nanoTime() - sent);
                } else {
                    tally.error(response.statusCode());
                }
            } catch (IOException e) {
                tally.error(WorkerTally.NO_ANSWER);
                Thread.sleep(NO_ANSWER_PAUSE_MILLIS);
            }
        }
        return tally;
    }
}
