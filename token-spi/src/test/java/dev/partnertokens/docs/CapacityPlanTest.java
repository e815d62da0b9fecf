package dev.partnertokens.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/operations.md shows exactly what {@link CapacityPlan} computes from the measured inputs. */
class CapacityPlanTest {

    private static final Path OPERATIONS = Path.of("..").toAbsolutePath().normalize().resolve("docs/operations.md");

    private static String block(String name) throws IOException {
        String text = Files.readString(OPERATIONS);
        String begin = "<!-- capacity-plan:" + name + " -->\n";
        String end = "\n<!-- /capacity-plan:" + name + " -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertThat(from).as("docs/operations.md has the block %s", name).isNotNegative();
        assertThat(to).as("docs/operations.md ends the block %s", name).isGreaterThan(from);
        return text.substring(from + begin.length(), to);
    }

    @Test
    void theFeedTableIsWhatTheModelComputes() throws IOException {
        assertThat(block("feed")).isEqualTo(CapacityPlan.feedTable());
    }

    @Test
    void theDatabaseTableIsWhatTheModelComputes() throws IOException {
        assertThat(block("database")).isEqualTo(CapacityPlan.databaseTable());
    }

    @Test
    void theModelAgreesWithTheWarBenchmarksFigure() {
        // 100,000 entries retained 21.4 MB in RevocationListBenchmark; one revocation an hour fills 169 entries
        assertThat(100_000 * CapacityPlan.LIST_BYTES_PER_ENTRY / 1e6).isEqualTo(21.4);
        assertThat(CapacityPlan.Load.of(new CapacityPlan.Deployment(1, 1, 1)).listEntries()).isEqualTo(169);
        // an idle resource server renews its long poll every 20 s; the provider looks 4 times a second meanwhile
        CapacityPlan.Load idle = CapacityPlan.Load.of(new CapacityPlan.Deployment(20, 1, 0));
        assertThat(idle.feedRequestsPerSecond()).isEqualTo(1.0);
        assertThat(idle.databaseQueriesPerSecond()).isEqualTo(80.0);
    }
}
