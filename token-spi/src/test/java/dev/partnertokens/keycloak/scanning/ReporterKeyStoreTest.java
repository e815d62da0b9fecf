package dev.partnertokens.keycloak.scanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.ReporterKey;
import dev.partnertokens.testing.LeakReporter;
import org.junit.jupiter.api.Test;

class ReporterKeyStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsGitHubsKeyListAndWritesItBack() throws Exception {
        LeakReporter github = LeakReporter.create("bcb53661c06b4728e59d897fb6165d5c9cda0fd9cdf9d09ead458168deb7518c");

        var keys = ReporterKeyStore.parse(JSON.readTree(github.keyList()));

        assertThat(keys).extracting(ReporterKey::identifier).containsExactly(github.identifier());
        assertThat(ReporterKeyStore.parse(ReporterKeyStore.toJson(keys))).extracting(ReporterKey::pem)
                .containsExactly(keys.get(0).pem());
    }

    @Test
    void refusesAnythingButAListOfP256KeysWithDistinctIdentifiers() throws Exception {
        LeakReporter one = LeakReporter.create("one");
        String twice = "{\"public_keys\":[" + one.keyList().substring(16, one.keyList().length() - 2) + ","
                + one.keyList().substring(16, one.keyList().length() - 2) + "]}";

        assertThatThrownBy(() -> ReporterKeyStore.parse(JSON.readTree("[]"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("public_keys");
        assertThatThrownBy(() -> ReporterKeyStore.parse(JSON.readTree(twice))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> ReporterKeyStore.parse(JSON.readTree(LeakReporter.onCurveP384("k").keyList())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("P-256");
        assertThatThrownBy(() -> ReporterKeyStore.parse(JSON.readTree("{\"public_keys\":[{\"key_identifier\":\"k\",\"key\":42}]}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("key is required");
    }
}
