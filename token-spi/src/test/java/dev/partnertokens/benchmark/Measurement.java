package dev.partnertokens.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One measured stretch of one scenario.
 *
 * @param grants          200 answers
 * @param errorsByStatus  every other answer by HTTP status; 0 counts requests that got no answer
 * @param elapsed         how long the workers ran
 * @param latenciesNanos  the latency of every 200 answer, sorted
 */
record Measurement(long grants, Map<Integer, Long> errorsByStatus, Duration elapsed, long[] latenciesNanos) {

    /** More than this share of errors makes a figure invalid. */
    static final double MAX_ERROR_RATE = 0.01;

    static Measurement of(List<WorkerTally> tallies, Duration elapsed) {
        Map<Integer, Long> errors = new TreeMap<>();
        tallies.forEach(t -> t.errorsByStatus().forEach((status, count) -> errors.merge(status, count, Long::sum)));
        long[] latencies = tallies.stream().map(WorkerTally::latenciesNanos).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Measurement(latencies.length, Map.copyOf(errors), elapsed, latencies);
    }

    double grantsPerSecond() {
        return grants / (elapsed.toNanos() / 1e9);
    }

    long errors() {
        return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    double errorRate() {
        long all = grants + errors();
        return all == 0 ? 1.0 : (double) errors() / all;
    }

    boolean valid() {
        return grants > 0 && errorRate() <= MAX_ERROR_RATE;
    }

    /** Nearest-rank percentile of the 200 answers' latency, in milliseconds; NaN when there were none. */
    double latencyMillis(double percentile) {
        if (latenciesNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * latenciesNanos.length);
        return latenciesNanos[Math.max(0, rank - 1)] / 1e6;
    }

    /** For example {@code "401 x 12, no answer x 1"}, or {@code "none"}. */
    String errorBreakdown() {
        if (errorsByStatus.isEmpty()) {
            return "none";
        }
        return new TreeMap<>(errorsByStatus).entrySet().stream()
                .map(e -> (e.getKey() == WorkerTally.NO_ANSWER ? "no answer" : "HTTP " + e.getKey()) + " x " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
