package dev.partnertokens.keycloak.settings;

import java.time.Duration;

import org.keycloak.Config;

/**
 * What each Keycloak node does in the background, from the options of the {@code partner-tokens} event listener
 * ({@code kc.sh --spi-events-listener--partner-tokens--<option>}):
 *
 * <table>
 *   <tr><th>option</th><th>default</th><th>range</th><th>what it does</th></tr>
 *   <tr><td>{@value #AUTH_FAILURE_FLUSH_SECONDS}</td><td>{@value #DEFAULT_AUTH_FAILURE_FLUSH_SECONDS}</td>
 *       <td>1..{@value #MAX_SECONDS}</td><td>how often counted failed key authentications are written to the audit
 *       trail, the revocation log pruned, expiry notices and "expiring soon" events sent</td></tr>
 *   <tr><td>{@value #LAST_USED_FLUSH_SECONDS}</td><td>{@value #DEFAULT_LAST_USED_FLUSH_SECONDS}</td>
 *       <td>1..{@value #MAX_SECONDS}</td><td>how often the keys' last uses are written behind</td></tr>
 *   <tr><td>{@value #BRUTE_FORCE_GUARD}</td><td>true</td><td>true, false</td><td>whether the brute-force guard is on
 *       in realms that do not say ({@link BruteForceSettings#ENABLED})</td></tr>
 * </table>
 */
public record HousekeepingSettings(Duration authFailureFlush, Duration lastUsedFlush, boolean bruteForceGuard) {

    public static final String SPI = "events-listener";
    public static final String AUTH_FAILURE_FLUSH_SECONDS = "auth-failure-flush-seconds";
    public static final String LAST_USED_FLUSH_SECONDS = "last-used-flush-seconds";
    public static final String BRUTE_FORCE_GUARD = "brute-force-guard";
    public static final int DEFAULT_AUTH_FAILURE_FLUSH_SECONDS = 60;
    public static final int DEFAULT_LAST_USED_FLUSH_SECONDS = 30;
    public static final int MAX_SECONDS = 86_400;

    public HousekeepingSettings {
        requirePositive(authFailureFlush, AUTH_FAILURE_FLUSH_SECONDS);
        requirePositive(lastUsedFlush, LAST_USED_FLUSH_SECONDS);
    }

    /** The defaults: what a Keycloak started without these options does. */
    public static HousekeepingSettings defaults() {
        return new HousekeepingSettings(Duration.ofSeconds(DEFAULT_AUTH_FAILURE_FLUSH_SECONDS),
                Duration.ofSeconds(DEFAULT_LAST_USED_FLUSH_SECONDS), true);
    }

    /**
     * @param provider the event listener's id, {@code partner-tokens}
     * @throws ServerOptions.InvalidServerOption naming the first option whose value is not acceptable
     */
    public static HousekeepingSettings of(Config.Scope config, String provider) {
        ServerOptions options = new ServerOptions(config, SPI, provider);
        return new HousekeepingSettings(
                Duration.ofSeconds(options.number(AUTH_FAILURE_FLUSH_SECONDS, DEFAULT_AUTH_FAILURE_FLUSH_SECONDS, 1, MAX_SECONDS)),
                Duration.ofSeconds(options.number(LAST_USED_FLUSH_SECONDS, DEFAULT_LAST_USED_FLUSH_SECONDS, 1, MAX_SECONDS)),
                options.flag(BRUTE_FORCE_GUARD, true));
    }

    private static void requirePositive(Duration interval, String name) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive interval");
        }
    }
}
