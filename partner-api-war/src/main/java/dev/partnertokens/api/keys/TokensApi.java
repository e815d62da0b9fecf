package dev.partnertokens.api.keys;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;

import dev.partnertokens.api.audit.ReachedProvider;
import dev.partnertokens.api.security.DashboardUser;
import dev.partnertokens.api.security.KeycloakUnavailableException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The provider's tokens API ({@code <issuer>/tokens}, or {@code partner-api.keycloak.tokens-url}) through
 * {@link TokensApiClient}, called with the partner API's own service-account token, acting for one dashboard user.
 * Every call gives up after {@code partner-api.keycloak.timeout-seconds}. A service-account token the provider refuses
 * (401) is fetched again once. An answer it passes on (a result or a {@link TokensApiRefusal}) is noted in
 * {@link ReachedProvider}: the provider has then audited the action itself.
 */
@ApplicationScoped
public class TokensApi {

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.tokens-url")
    Optional<String> configuredTokensUrl;

    @Inject
    @ConfigProperty(name = "partner-api.keycloak.timeout-seconds", defaultValue = "5")
    long timeoutSeconds;

    @Inject
    ServiceAccountToken serviceToken;

    @Inject
    ReachedProvider reachedProvider;

    private TokensApiClient client;

    /** One request to the tokens API, with the headers that say who acts. */
    @FunctionalInterface
    public interface Call<T> {
        T on(TokensApiClient api, String bearer, String partner, String actingUser);
    }

    @PostConstruct
    void init() {
        client = RestClientBuilder.newBuilder()
                .baseUri(URI.create(configuredTokensUrl.orElse(issuer + "/tokens")))
                .connectTimeout(timeoutSeconds, TimeUnit.SECONDS)
                .readTimeout(timeoutSeconds, TimeUnit.SECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(TokensApiClient.class);
    }

    @PreDestroy
    void close() {
        try {
            ((AutoCloseable) client).close();
        } catch (Exception e) {
            // the connections go with the deployment either way
        }
    }

    /**
     * The tokens API's answer to {@code call} for {@code user}.
     *
     * @throws TokensApiRefusal            when the provider refuses (4xx other than a refused service account)
     * @throws KeycloakUnavailableException when Keycloak cannot be reached in time, fails (5xx) or refuses the service account
     */
    public <T> T send(DashboardUser user, Call<T> call) {
        TokensApiRefusal refusal;
        try {
            return passedOn(once(user, call));
        } catch (TokensApiRefusal first) {
            refusal = first;
        }
        if (refusal.status() == 401) {
            serviceToken.forget();
            try {
                return passedOn(once(user, call));
            } catch (TokensApiRefusal second) {
                refusal = second;
            }
        }
        if (refusal.status() >= 500 || refusal.status() == 401) {
            throw new KeycloakUnavailableException();
        }
        throw passedOn(refusal);
    }

    private <T> T once(DashboardUser user, Call<T> call) {
        try {
            return call.on(client, "Bearer " + serviceToken.get(), user.partner(), user.username());
        } catch (ProcessingException e) {
            throw new KeycloakUnavailableException();
        }
    }

    private <T> T passedOn(T answer) {
        reachedProvider.mark();
        return answer;
    }
}
