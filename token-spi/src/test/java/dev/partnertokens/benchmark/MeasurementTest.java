package dev.partnertokens.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void countsOnlyTwoHundredsAsGrantsPerSecond() {
        Measurement measurement = Measurement.of(List.of(tally(100, 0), tally(100, 0)), Duration.ofSeconds(4));

        assertThat(measurement.grants()).isEqualTo(200);
        assertThat(measurement.grantsPerSecond()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void latencyPercentilesAreNearestRankOverAllWorkers() {
        WorkerTally one = new WorkerTally();
        WorkerTally other = new WorkerTally();
        for (int millis = 1; millis <= 100; millis++) {
            (millis % 2 == 0 ? one : other).grant(millis * 1_000_000L);
        }

        Measurement measurement = Measurement.of(List.of(one, other), Duration.ofSeconds(1));

        assertThat(measurement.latencyMillis(50)).isEqualTo(50.0);
        assertThat(measurement.latencyMillis(99)).isEqualTo(99.0);
    }

    @Test
    void moreThanOnePercentErrorsMakesTheFigureInvalid() {
        assertThat(Measurement.of(List.of(tally(99, 1)), Duration.ofSeconds(1)).valid()).isTrue();
        assertThat(Measurement.of(List.of(tally(98, 2)), Duration.ofSeconds(1)).valid()).isFalse();
    }

    @Test
    void errorsAreReportedByStatus() {
        WorkerTally tally = tally(1, 0);
        tally.error(401);
        tally.error(401);
        tally.error(WorkerTally.NO_ANSWER);

        assertThat(Measurement.of(List.of(tally), Duration.ofSeconds(1)).errorBreakdown()).isEqualTo("no answer x 1, HTTP 401 x 2");
    }

    private static WorkerTally tally(int grants, int serverErrors) {
        WorkerTally tally = new WorkerTally();
        for (int i = 0; i < grants; i++) {
            tally.grant(1_000_000L);
        }
        for (int i = 0; i < serverErrors; i++) {
            tally.error(500);
        }
        return tally;
    }
}
