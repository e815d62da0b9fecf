package dev.partnertokens.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Every round's measurement per scenario label, the medians over the rounds, and the ratios between them. */
final class Results {

    private final Map<String, String> names = new TreeMap<>();
    private final Map<String, List<Measurement>> measured = new LinkedHashMap<>();
    private final Map<String, String> notMeasured = new LinkedHashMap<>();

    void add(Scenario scenario, Measurement measurement) {
        names.put(scenario.label(), scenario.name());
        measured.computeIfAbsent(scenario.label(), label -> new ArrayList<>()).add(measurement);
    }

    void notMeasured(String label, String name, String why) {
        names.put(label, name);
        notMeasured.put(label, why);
    }

    /** The median over the rounds, if the scenario was measured and its figure is valid. */
    OptionalDouble medianGrantsPerSecond(String label) {
        List<Measurement> rounds = measured.getOrDefault(label, List.of());
        if (rounds.isEmpty() || !valid(rounds)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(median(rounds, Measurement::grantsPerSecond));
    }

    void printTable(PrintStream out) {
        out.println("| grant | grants/s (median) | per round | p50 ms | p99 ms | errors | figure |");
        out.println("|---|---:|---|---:|---:|---:|---|");
        for (String label : names.keySet()) {
            List<Measurement> rounds = measured.get(label);
            if (rounds == null) {
                out.printf("| %s %s | - | - | - | - | - | not measured: %s |%n", label, names.get(label), notMeasured.get(label));
                continue;
            }
            out.printf(Locale.ROOT, "| %s %s | %.1f | %s | %.1f | %.1f | %d | %s |%n",
                    label, names.get(label),
                    median(rounds, Measurement::grantsPerSecond),
                    rounds.stream().map(m -> String.format(Locale.ROOT, "%.1f", m.grantsPerSecond())).collect(Collectors.joining(" / ")),
                    median(rounds, m -> m.latencyMillis(50)),
                    median(rounds, m -> m.latencyMillis(99)),
                    rounds.stream().mapToLong(Measurement::errors).sum(),
                    valid(rounds) ? "valid" : "INVALID: errors > 1% or no grants");
        }
    }

    /**
     * Prints {@code (b)/(a) = 0.970 (target >= 0.95): met}, or why there is no ratio. The verdict is on the median
     * of the per-round ratios: rounds interleave the scenarios, so each round compares them under the same load,
     * while the load itself may drift between rounds. The ratio of the medians is printed beside it.
     */
    void printRatio(PrintStream out, String label, String baseline, double target) {
        String ratio = label + "/" + baseline;
        OptionalDouble numerator = medianGrantsPerSecond(label);
        OptionalDouble denominator = medianGrantsPerSecond(baseline);
        if (numerator.isEmpty() || denominator.isEmpty()) {
            String missing = numerator.isEmpty() ? label : baseline;
            out.printf(Locale.ROOT, "%s = n/a (target >= %.2f): no valid figure for %s (%s)%n", ratio, target, missing,
                    notMeasured.getOrDefault(missing, "too many errors"));
            return;
        }
        double ofMedians = numerator.getAsDouble() / denominator.getAsDouble();
        List<Measurement> top = measured.get(label);
        List<Measurement> bottom = measured.get(baseline);
        int pairs = Math.min(top.size(), bottom.size());
        double[] perRound = new double[pairs];
        for (int round = 0; round < pairs; round++) {
            perRound[round] = top.get(round).grantsPerSecond() / bottom.get(round).grantsPerSecond();
        }
        double paired = median(perRound);
        out.printf(Locale.ROOT, "%s = %.3f (median of per-round ratios %s; ratio of medians %.3f) (target >= %.2f): %s%n",
                ratio, paired, java.util.Arrays.stream(perRound).mapToObj(r -> String.format(Locale.ROOT, "%.3f", r))
                        .collect(Collectors.joining(" / ")), ofMedians, target, paired >= target ? "met" : "MISSED");
    }

    private static boolean valid(List<Measurement> rounds) {
        long grants = rounds.stream().mapToLong(Measurement::grants).sum();
        long errors = rounds.stream().mapToLong(Measurement::errors).sum();
        return grants > 0 && (double) errors / (grants + errors) <= Measurement.MAX_ERROR_RATE;
    }

    private static double median(List<Measurement> rounds, ToDoubleFunction<Measurement> figure) {
        return median(rounds.stream().mapToDouble(figure).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
