package dev.partnertokens.api.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import dev.partnertokens.api.testing.FakeKeycloak;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A feed served by two Keycloak nodes (two fake Keycloaks holding the same entries, as two nodes on one database):
 * read from the first while it answers, from the second at once when the first stops, and with each node's own
 * service-account token.
 */
class FeedNodesTest {

    private FakeKeycloak first;
    private FakeKeycloak second;
    private FeedNodes nodes;

    @BeforeEach
    void twoNodes() throws Exception {
        first = FakeKeycloak.start();
        second = FakeKeycloak.start();
        for (FakeKeycloak node : List.of(first, second)) {
            node.feed(FakeKeycloak.REVOCATIONS).add(Json.createObjectBuilder().add("kind", "KEY").add("subject", "pk-1"));
        }
        nodes = new FeedNodes("revocation feed", List.of(node(first), node(second)));
    }

    @AfterEach
    void stop() {
        nodes.close();
        first.close();
        second.close();
    }

    private static FeedNodes.Node node(FakeKeycloak keycloak) {
        return new FeedNodes.Node(keycloak.issuer() + FakeKeycloak.REVOCATIONS,
                new ProviderFeed(keycloak.serviceAccountToken(), Duration.ofSeconds(2)));
    }

    private JsonObject read() throws Exception {
        return nodes.get("?after=0&wait=0", Duration.ZERO, JsonObject.class);
    }

    @Test
    void theFirstNodeIsReadWhileItAnswers() throws Exception {
        assertThat(read().getJsonNumber("last").longValue()).isEqualTo(1);
        assertThat(read().getJsonNumber("last").longValue()).isEqualTo(1);

        assertThat(first.feed(FakeKeycloak.REVOCATIONS).queries()).hasSize(2);
        assertThat(second.feed(FakeKeycloak.REVOCATIONS).queries()).as("the second node is not asked").isEmpty();
        assertThat(second.tokensIssued()).isZero();
    }

    @Test
    void aStoppedNodeIsReplacedByTheNextInTheSameReadWithThatNodesOwnToken() throws Exception {
        read();
        first.stop();

        JsonObject answer = read();

        assertThat(answer.getJsonArray("entries")).hasSize(1);
        assertThat(second.feed(FakeKeycloak.REVOCATIONS).queries()).containsExactly("after=0&wait=0");
        assertThat(second.tokensIssued()).as("the token comes from the node that answers").isEqualTo(1);
        assertThat(second.feed(FakeKeycloak.REVOCATIONS).bearers()).containsExactly("Bearer service-token-1");
    }

    @Test
    void theNodeThatAnsweredLastKeepsBeingAskedAndTheFirstIsAskedAgainWhenItFails() throws Exception {
        first.stop();
        read();
        first.restart();
        read();
        assertThat(first.feed(FakeKeycloak.REVOCATIONS).queries()).as("no flapping back while the second answers").isEmpty();

        second.stop();
        read();
        assertThat(first.feed(FakeKeycloak.REVOCATIONS).queries()).hasSize(1);
    }

    @Test
    void whenNoNodeAnswersTheReadFailsNamingEachNode() {
        first.stop();
        second.stop();

        assertThatThrownBy(this::read).isInstanceOf(FeedUnavailableException.class)
                .hasMessageContaining("no node answered")
                .hasMessageContaining(first.issuer()).hasMessageContaining(second.issuer())
                .hasMessageNotContaining("service-token");
    }

    @Test
    void oneUrlFailsWithWhatThatUrlAnswered() {
        FeedNodes single = FeedNodes.single("revocation feed", new ProviderFeed(first.serviceAccountToken(), Duration.ofSeconds(2)),
                first.issuer() + FakeKeycloak.REVOCATIONS);
        first.stop();

        assertThatThrownBy(() -> single.get("?after=0", Duration.ZERO, JsonObject.class))
                .isInstanceOf(FeedUnavailableException.class).hasMessageNotContaining("no node answered");
        single.close();
    }
}
