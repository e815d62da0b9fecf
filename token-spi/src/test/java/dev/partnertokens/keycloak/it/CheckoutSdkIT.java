package dev.partnertokens.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import com.checkout.CheckoutApi;
import com.checkout.CheckoutException;
import com.checkout.CheckoutSdk;
import com.checkout.CustomEnvironment;
import com.checkout.OAuthScope;
import com.sun.net.httpserver.HttpServer;
import dev.partnertokens.keycloak.it.PartnerRealm.Key;
import dev.partnertokens.testing.KeycloakExtension;
import dev.partnertokens.testing.KeycloakServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checkout's own Java SDK (com.checkout:checkout-sdk-java 6.0.30, unmodified) against a partner key with API
 * scopes: it posts {@code client_id}, {@code client_secret} and a space-joined {@code scope} to the token endpoint
 * ({@code /connect/token}), reads {@code access_token} and {@code expires_in} (or {@code error}), and sends the token
 * as a bearer token to the API, here a stand-in that only records what it was sent.
 */
@ExtendWith(KeycloakExtension.class)
class CheckoutSdkIT {

    private PartnerRealm realm;
    private HttpServer api;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void start(KeycloakServer keycloak) throws IOException {
        realm = new PartnerRealm(keycloak);
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"id\":\"pay_stand_in\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private CheckoutApi sdk(Key key, OAuthScope... scopes) {
        URI apiUri = URI.create("http://127.0.0.1:" + api.getAddress().getPort() + "/");
        CustomEnvironment environment = CustomEnvironment.builder().checkoutApi(apiUri).filesApi(apiUri).transfersApi(apiUri)
                .balancesApi(apiUri).oAuthAuthorizationApi(realm.connectTokenEndpoint()).sandbox(true).build();
        return CheckoutSdk.builder().oAuth()
                .clientCredentials(realm.connectTokenEndpoint(), key.clientId(), key.secret())
                .scopes(scopes)
                .environment(environment)
                .build();
    }

    @Test
    void getsATokenWithExactlyGatewayVaultAndFx() {
        Key key = realm.createKey("acme", PartnerRealm.keyRequest("checkout sdk", List.of("VIEW", "TRANSACT"),
                List.of("gateway", "vault", "fx", "disputes")));

        CheckoutApi checkout = sdk(key, OAuthScope.GATEWAY, OAuthScope.VAULT, OAuthScope.FX);
        checkout.paymentsClient().getPayment("pay_stand_in").join();

        String sent = authorization.get();
        assertThat(sent).startsWith("Bearer ");
        String scope = Http.claims(sent.substring("Bearer ".length())).path("scope").asText();
        assertThat(Arrays.asList(scope.split(" "))).containsExactlyInAnyOrder("gateway", "vault", "fx");
        assertThat(Http.claims(sent.substring("Bearer ".length())).path("azp").asText()).isEqualTo(key.clientId());
    }

    @Test
    void askingForDisputesOfAKeyWithoutItGetsInvalidScope() {
        Key key = realm.createKey("acme", PartnerRealm.keyRequest("checkout sdk without disputes", List.of("VIEW"),
                List.of("gateway", "vault", "fx")));

        assertThatThrownBy(() -> sdk(key, OAuthScope.DISPUTES).paymentsClient().getPayment("pay_stand_in").join())
                .satisfies(failure -> assertThat(messages(failure)).contains("invalid_scope"));
        assertThat(authorization.get()).as("the API was never called").isNull();
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
            if (t instanceof CheckoutException || t instanceof CompletionException) {
                continue;
            }
        }
        return all.toString();
    }
}
