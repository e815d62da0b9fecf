package dev.partnertokens.api.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for something that happens on another thread, polling every 20 ms. */
public final class Eventually {

    private Eventually() {
    }

    /** How long it took for {@code condition} to hold; fails when it does not within {@code deadline}. */
    public static Duration within(Duration deadline, String what, BooleanSupplier condition) throws InterruptedException {
        Instant begin = Instant.now();
        while (!condition.getAsBoolean()) {
            if (Duration.between(begin, Instant.now()).compareTo(deadline) > 0) {
                throw new AssertionError("Not within " + deadline.toMillis() + " ms: " + what);
            }
            Thread.sleep(20);
        }
        return Duration.between(begin, Instant.now());
    }
}
