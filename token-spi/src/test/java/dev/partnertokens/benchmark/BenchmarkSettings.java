package dev.partnertokens.benchmark;

import java.time.Duration;

/**
 * How long and how hard to load Keycloak, from system properties: {@code bench.warmup} and
 * {@code bench.seconds} (per scenario and round; one extra warm-up per scenario comes first), {@code bench.workers}
 * (concurrent sequential loops) and {@code bench.rounds} (how often the scenarios are interleaved; odd is best,
 * so that the median is a real round).
 */
record BenchmarkSettings(Duration warmup, Duration measurement, int workers, int rounds) {

    static final int DEFAULT_WARMUP_SECONDS = 5;
    static final int DEFAULT_MEASUREMENT_SECONDS = 15;
    static final int DEFAULT_WORKERS = 8;
    /** Two noisy cores vary ±20% between rounds of the same thing: seven interleaved rounds at least. */
    static final int DEFAULT_ROUNDS = 7;

    BenchmarkSettings {
        if (warmup.isNegative() || measurement.isZero() || measurement.isNegative()) {
            throw new IllegalArgumentException("bench.warmup must be >= 0 and bench.seconds > 0");
        }
        if (workers < 1 || workers > 256 || rounds < 1 || rounds > 20) {
            throw new IllegalArgumentException("bench.workers must be 1..256 and bench.rounds 1..20");
        }
    }

    static BenchmarkSettings fromSystemProperties() {
        return new BenchmarkSettings(
                Duration.ofSeconds(integer("bench.warmup", DEFAULT_WARMUP_SECONDS)),
                Duration.ofSeconds(integer("bench.seconds", DEFAULT_MEASUREMENT_SECONDS)),
                integer("bench.workers", DEFAULT_WORKERS),
                integer("bench.rounds", DEFAULT_ROUNDS));
    }

    private static int integer(String property, int fallback) {
        String value = System.getProperty(property, "").trim();
        return value.isEmpty() ? fallback : Integer.parseInt(value);
    }

    @Override
    public String toString() {
        return "%d rounds x (warm-up %d s + measurement %d s) per scenario, %d workers"
                .formatted(rounds, warmup.toSeconds(), measurement.toSeconds(), workers);
    }
}
