package dev.partnertokens.keycloak.keys;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.partnertokens.keycloak.domain.SecretHasher;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * Chooses how secrets are hashed: HMAC-SHA-256 with a pepper when Keycloak's vault holds
 * {@value #PEPPER_VAULT_KEY} (at least 32 bytes), plain SHA-256 otherwise. Hashes made before a pepper was
 * configured keep working.
 */
public final class SecretHashers {

    public static final String PEPPER_VAULT_KEY = "partner-tokens-pepper";
    private static final String EXPRESSION = "${vault." + PEPPER_VAULT_KEY + "}";
    private static final SecretHasher PLAIN = SecretHasher.sha256();

    private SecretHashers() {
    }

    public static SecretHasher of(KeycloakSession session) {
        try (VaultStringSecret secret = session.vault().getStringSecret(EXPRESSION)) {
            Optional<String> pepper = secret.get().filter(value -> !EXPRESSION.equals(value));
            return pepper.map(p -> SecretHasher.withPepper(p.getBytes(StandardCharsets.UTF_8))).orElse(PLAIN);
        }
    }
}
