package dev.partnertokens.keycloak.settings;

import org.keycloak.Config;

/**
 * The revocation and audit feeds (ADR 7) of {@code /realms/{realm}/partners}, from the options of its factory
 * ({@code kc.sh --spi-realm-restapi-extension--partners--<option>}):
 *
 * <table>
 *   <tr><th>option</th><th>default</th><th>range</th><th>what it does</th></tr>
 *   <tr><td>{@value #REVOCATIONS_ROLE}</td><td>{@value #DEFAULT_REVOCATIONS_ROLE}</td><td>a name</td><td>the realm role
 *       a resource server's service account needs to read the revocation feed</td></tr>
 *   <tr><td>{@value #AUDIT_ROLE}</td><td>{@value #DEFAULT_AUDIT_ROLE}</td><td>a name</td><td>the realm role needed to
 *       read the audit feed (the partner API's service account holds it)</td></tr>
 *   <tr><td>{@value #MAX_WAIT_SECONDS}</td><td>{@value #DEFAULT_MAX_WAIT_SECONDS}</td><td>0..{@value #MAX_MAX_WAIT_SECONDS}</td>
 *       <td>the longest {@code wait} a feed request may ask for (long poll); keep it below the proxies' read timeouts</td></tr>
 * </table>
 */
public record FeedSettings(String revocationsRole, String auditRole, int maxWaitSeconds) {

    public static final String SPI = "realm-restapi-extension";
    public static final String REVOCATIONS_ROLE = "revocations-role";
    public static final String AUDIT_ROLE = "audit-role";
    public static final String MAX_WAIT_SECONDS = "feed-max-wait-seconds";
    public static final String DEFAULT_REVOCATIONS_ROLE = "read-partner-revocations";
    public static final String DEFAULT_AUDIT_ROLE = TokensApiSettings.DEFAULT_ADMIN_ROLE;
    public static final int DEFAULT_MAX_WAIT_SECONDS = 25;
    public static final int MAX_MAX_WAIT_SECONDS = 300;

    public FeedSettings {
        TokensApiSettings.requireName(revocationsRole, REVOCATIONS_ROLE);
        TokensApiSettings.requireName(auditRole, AUDIT_ROLE);
        if (maxWaitSeconds < 0 || maxWaitSeconds > MAX_MAX_WAIT_SECONDS) {
            throw new IllegalArgumentException(MAX_WAIT_SECONDS + " must be from 0 to " + MAX_MAX_WAIT_SECONDS);
        }
    }

    public static FeedSettings defaults() {
        return new FeedSettings(DEFAULT_REVOCATIONS_ROLE, DEFAULT_AUDIT_ROLE, DEFAULT_MAX_WAIT_SECONDS);
    }

    /**
     * @param provider the partner endpoints' id, {@code partners}
     * @throws ServerOptions.InvalidServerOption naming the first option whose value is not acceptable
     */
    public static FeedSettings of(Config.Scope config, String provider) {
        ServerOptions options = new ServerOptions(config, SPI, provider);
        return new FeedSettings(options.name(REVOCATIONS_ROLE, DEFAULT_REVOCATIONS_ROLE),
                options.name(AUDIT_ROLE, DEFAULT_AUDIT_ROLE),
                options.number(MAX_WAIT_SECONDS, DEFAULT_MAX_WAIT_SECONDS, 0, MAX_MAX_WAIT_SECONDS));
    }
}
