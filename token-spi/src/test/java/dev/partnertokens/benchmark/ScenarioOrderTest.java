package dev.partnertokens.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ScenarioOrderTest {

    private static Scenario scenario(String label) {
        return new Scenario(label, label, null, "access_token", () -> { });
    }

    private static List<String> labels(List<Scenario> scenarios) {
        return scenarios.stream().map(Scenario::label).toList();
    }

    @Test
    void theFirstRoundRunsTheScenariosInTheirOrderAndEachLaterOneStartsOnePlaceFurther() {
        List<Scenario> scenarios = List.of(scenario("(a)"), scenario("(b)"), scenario("(c)"));

        assertThat(labels(GrantThroughputBenchmark.inOrderOfRound(scenarios, 1))).containsExactly("(a)", "(b)", "(c)");
        assertThat(labels(GrantThroughputBenchmark.inOrderOfRound(scenarios, 2))).containsExactly("(b)", "(c)", "(a)");
        assertThat(labels(GrantThroughputBenchmark.inOrderOfRound(scenarios, 4))).containsExactly("(a)", "(b)", "(c)");
    }

    @Test
    void noScenarioAlwaysFollowsTheSameOneAndEveryRoundRunsEachOnce() {
        List<Scenario> scenarios = List.of(scenario("(a)"), scenario("(b)"), scenario("(c)"), scenario("(d)"), scenario("(e)"));
        Set<String> predecessorsOfB = new HashSet<>();

        for (int round = 1; round <= 7; round++) {
            List<String> order = labels(GrantThroughputBenchmark.inOrderOfRound(scenarios, round));
            assertThat(order).containsExactlyInAnyOrder("(a)", "(b)", "(c)", "(d)", "(e)");
            int b = order.indexOf("(b)");
            predecessorsOfB.add(b == 0 ? "start of round" : order.get(b - 1));
        }

        assertThat(predecessorsOfB).hasSizeGreaterThan(1);
    }

    @Test
    void inTheHundredThousandKeyBenchmarkTheBigRealmGoesFirstInOddRoundsAndTheSmallOneInEvenRounds() {
        List<String> bigThenSmall = List.of("(g-big)", "(l-big)", "(v-big)", "(g-small)", "(l-small)", "(v-small)");

        assertThat(HundredThousandKeysBenchmark.realmsTakingTurns(bigThenSmall, 1)).isEqualTo(bigThenSmall);
        assertThat(HundredThousandKeysBenchmark.realmsTakingTurns(bigThenSmall, 2))
                .containsExactly("(g-small)", "(l-small)", "(v-small)", "(g-big)", "(l-big)", "(v-big)");
        assertThat(HundredThousandKeysBenchmark.realmsTakingTurns(bigThenSmall, 7)).isEqualTo(bigThenSmall);
    }
}
