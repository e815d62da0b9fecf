package dev.partnertokens.keycloak.keys;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.partnertokens.keycloak.clientauth.PartnerKeyClientAuthenticatorFactory;
import dev.partnertokens.keycloak.domain.SecretHasher;
import dev.partnertokens.keycloak.settings.PepperSettings;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * Chooses how secrets are hashed, for every place that hashes or checks one (create, rotate, authenticate, leak
 * lookups): HMAC-SHA-256 with a pepper when Keycloak's vault holds the entry named by {@link PepperSettings} (option
 * {@code --spi-client-authenticator--partner-key--pepper-vault-key}, default {@value PepperSettings#DEFAULT_VAULT_KEY};
 * at least 32 bytes), plain SHA-256 otherwise. Hashes made before a pepper was configured keep working.
 */
public final class SecretHashers {

    private static final SecretHasher PLAIN = SecretHasher.sha256();

    private SecretHashers() {
    }

    public static SecretHasher of(KeycloakSession session) {
        String expression = settings(session).vaultExpression();
        try (VaultStringSecret secret = session.vault().getStringSecret(expression)) {
            Optional<String> pepper = secret.get().filter(value -> !expression.equals(value));
            return pepper.map(p -> SecretHasher.withPepper(p.getBytes(StandardCharsets.UTF_8))).orElse(PLAIN);
        }
    }

    /** The settings the {@code partner-key} client authenticator's factory read at start. */
    private static PepperSettings settings(KeycloakSession session) {
        return session.getKeycloakSessionFactory().getProviderFactory(ClientAuthenticator.class,
                PartnerKeyClientAuthenticatorFactory.PROVIDER_ID) instanceof PartnerKeyClientAuthenticatorFactory factory
                ? factory.pepper() : PepperSettings.defaults();
    }
}
