package dev.partnertokens.api.feeds;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * One feed of the provider as the Keycloak nodes of a cluster serve it, tried in order: a request goes to the node
 * that answered last; when that node cannot answer (unreachable, timed out, not 200, not the feed's JSON), the next
 * nodes are tried at once, in the configured order (wrapping around), and the first that answers is kept for the
 * following requests. Every node serves the same feed (one database, one sequence), so a reader's {@code after} means
 * the same on each. Only when no node answers does the read fail ({@link FeedUnavailableException}).
 */
public final class FeedNodes implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FeedNodes.class);

    /** A node's feed: its URL (without a query) and the reader that asks it, with that node's service-account token. */
    public record Node(String url, ProviderFeed feed) {
    }

    private final String name;
    private final List<Node> nodes;
    private int current;

    public FeedNodes(String name, List<Node> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("The " + name + " needs at least one URL");
        }
        this.name = name;
        this.nodes = List.copyOf(nodes);
    }

    /** A feed served by one URL. */
    public static FeedNodes single(String name, ProviderFeed feed, String url) {
        return new FeedNodes(name, List.of(new Node(url, feed)));
    }

    /** The feed URLs, in order. */
    public List<String> urls() {
        return nodes.stream().map(Node::url).toList();
    }

    /**
     * The answer of the first node that gives one, starting at the node that answered last.
     *
     * @param query for example {@code ?after=42&wait=20}
     * @param wait  the long poll's {@code wait}
     * @throws FeedUnavailableException naming what each node answered, when none gave a usable answer
     */
    public synchronized <T> T get(String query, Duration wait, Class<T> answerType) throws FeedUnavailableException, InterruptedException {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int index = (current + i) % nodes.size();
            Node node = nodes.get(index);
            try {
                T answer = node.feed().get(URI.create(node.url() + query), wait, answerType);
                if (index != current) {
                    LOG.infof("The %s is read from %s now (%s)", name, node.url(), String.join("; ", failures));
                    current = index;
                }
                return answer;
            } catch (FeedUnavailableException e) {
                failures.add(node.url() + ": " + e.getMessage());
            }
        }
        throw new FeedUnavailableException(nodes.size() == 1 ? failures.get(0).substring(nodes.get(0).url().length() + 2)
                : "no node answered (" + String.join("; ", failures) + ")");
    }

    @Override
    public void close() {
        nodes.stream().map(Node::feed).distinct().forEach(ProviderFeed::close);
    }
}
