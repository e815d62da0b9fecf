package dev.partnertokens.benchmark;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** What one worker saw: the latency of every 200 answer, and the other answers by status (0 = no answer). */
final class WorkerTally {

    static final int NO_ANSWER = 0;

    private long[] latenciesNanos = new long[1024];
    private int grants;
    private final Map<Integer, Long> errorsByStatus = new TreeMap<>();

    void grant(long latencyNanos) {
        if (grants == latenciesNanos.length) {
            latenciesNanos = Arrays.copyOf(latenciesNanos, grants * 2);
        }
        latenciesNanos[grants++] = latencyNanos;
    }

    void error(int status) {
        errorsByStatus.merge(status, 1L, Long::sum);
    }

    int grants() {
        return grants;
    }

    long[] latenciesNanos() {
        return Arrays.copyOf(latenciesNanos, grants);
    }

    Map<Integer, Long> errorsByStatus() {
        return errorsByStatus;
    }
}
