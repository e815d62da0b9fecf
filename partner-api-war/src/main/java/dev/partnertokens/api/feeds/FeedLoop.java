package dev.partnertokens.api.feeds;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

import org.jboss.logging.Logger;

/**
 * Reads a feed for as long as the deployment lives: one thread (from the container's managed thread factory, so it
 * runs with the application's context) calls {@link Poll#once} again and again. A long poll keeps its thread for up
 * to its {@code wait}, which is why the loop has a thread of its own instead of a task on the shared managed
 * executor. After a failure it waits {@code firstBackoff}, then twice as long each time, at most {@code maxBackoff}.
 * The first failure is logged as a warning, the following ones at debug level, the recovery again.
 */
public final class FeedLoop {

    private static final Logger LOG = Logger.getLogger(FeedLoop.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    /** One read of the feed, applied; throws when the feed could not be read or applied. */
    @FunctionalInterface
    public interface Poll {
        void once() throws Exception;
    }

    private final String name;
    private final Poll poll;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private volatile boolean running;
    private Thread thread;

    public FeedLoop(String name, Poll poll, Duration firstBackoff, Duration maxBackoff) {
        this.name = name;
        this.poll = poll;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    public synchronized void start(ThreadFactory threads) {
        if (thread != null) {
            return;
        }
        running = true;
        thread = threads.newThread(this::run);
        try {
            thread.setName("partner-api " + name);
        } catch (SecurityException e) {
            // The container names its managed threads itself.
        }
        thread.start();
    }

    /** Stops the loop, interrupting a long poll in progress, and waits a few seconds for the thread to end. */
    public synchronized void stop() {
        running = false;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                poll.once();
                if (failures > 0) {
                    LOG.infof("Reading the %s again after %d failed attempt(s)", name, failures);
                }
                failures = 0;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failures++;
                if (e instanceof FeedUnavailableException unavailable) {
                    if (failures == 1) {
                        LOG.warnf("Could not read the %s: %s; trying again", name, unavailable.getMessage());
                    } else {
                        LOG.debugf("Could not read the %s (attempt %d): %s", name, failures, unavailable.getMessage());
                    }
                } else if (failures == 1) {
                    LOG.warnf(e, "Could not apply what the %s answered; trying again", name);
                } else {
                    LOG.debugf(e, "Could not apply what the %s answered (attempt %d)", name, failures);
                }
                try {
                    Thread.sleep(backoff(failures).toMillis());
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    /** How long to wait after the {@code failures}-th failure in a row. */
    Duration backoff(int failures) {
        Duration wait = firstBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
