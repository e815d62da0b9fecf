package dev.partnertokens.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import dev.partnertokens.api.revocation.RevocationEntry;
import dev.partnertokens.api.revocation.RevocationList;
import dev.partnertokens.api.revocation.RevocationListAccess;
import dev.partnertokens.api.revocation.RevocationPage;
import dev.partnertokens.api.testing.TestToken;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The WAR's revocation list ({@link RevocationList}, asked on every request) with 100,000 revoked keys against 10, in
 * process (issue #11, part 4): the feed's snapshot as the provider pages it (100 entries a page, JSON decoded with
 * JSON-B as {@code ProviderFeed} decodes it, added as {@code RevocationFeedReader} adds it), the heap the list retains
 * (heap in use after full GCs, with and without the list), and the cost of one check, for tokens of revoked keys (hits)
 * and of live keys (misses), interleaved round by round. Not a test:
 * {@code ./mvnw -pl partner-api-war -Pbenchmark test-compile exec:java@revocation-list-benchmark}; properties
 * {@code bench.entries} (100000), {@code bench.rounds} (7), {@code bench.checks} (500,000 per figure and round).
 */
public final class RevocationListBenchmark {

    static final int PAGE_SIZE = 100;
    private static final int TOKENS = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Jsonb JSONB = JsonbBuilder.create();

    private RevocationListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int entries = Integer.getInteger("bench.entries", 100_000);
        int rounds = Integer.getInteger("bench.rounds", 7);
        int checks = Integer.getInteger("bench.checks", 500_000);
        int small = 10;
        System.out.printf(Locale.ROOT, "[bench] %d entries against %d, %d rounds, %d checks per figure and round; %d processors, max heap %d MB%n",
                entries, small, rounds, checks, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        List<String> bigKeys = clientIds(entries);
        List<String> smallKeys = clientIds(small);
        List<String> bigPages = pages(bigKeys);
        System.out.printf(Locale.ROOT, "[feed] %d pages of %d entries, %.1f MB of JSON, %.0f bytes per entry on the wire%n",
                bigPages.size(), PAGE_SIZE, bigPages.stream().mapToLong(String::length).sum() / 1e6,
                bigPages.stream().mapToLong(String::length).sum() / (double) entries);

        double[] decodeMillis = new double[rounds];
        double[] addMillis = new double[rounds];
        double[] retainedMb = new double[rounds];
        RevocationList big = null;
        for (int round = 0; round < rounds; round++) {
            long heapBefore = heapAfterGc();
            long decode = 0;
            long add = 0;
            RevocationList list = new RevocationList();
            for (int page = 0; page < bigPages.size(); page++) {
                long t0 = System.nanoTime();
                RevocationPage decoded = JSONB.fromJson(bigPages.get(page), RevocationPage.class);
                long t1 = System.nanoTime();
                RevocationListAccess.addPage(list, decoded, page == bigPages.size() - 1);
                add += System.nanoTime() - t1;
                decode += t1 - t0;
            }
            long heapAfter = heapAfterGc();
            decodeMillis[round] = decode / 1e6;
            addMillis[round] = add / 1e6;
            retainedMb[round] = (heapAfter - heapBefore) / 1e6;
            if (list.size() != entries) {
                throw new IllegalStateException("the list holds " + list.size() + " entries, not " + entries);
            }
            System.out.printf(Locale.ROOT, "[load] round %d/%d: decode %.0f ms + add %.0f ms = %.0f ms for %d entries; retained %.1f MB%n",
                    round + 1, rounds, decodeMillis[round], addMillis[round], decodeMillis[round] + addMillis[round], entries, retainedMb[round]);
            big = list;
        }
        RevocationList smallList = new RevocationList();
        RevocationListAccess.addPage(smallList, JSONB.fromJson(pages(smallKeys).get(0), RevocationPage.class), true);

        // 1,024 distinct tokens per figure, so that every figure reads as many token objects (the same cache pressure)
        JsonWebToken[] bigHits = tokens(sample(bigKeys, TOKENS));
        JsonWebToken[] smallHits = tokens(sample(smallKeys, TOKENS));
        JsonWebToken[] misses = tokens(clientIds(TOKENS));
        String[] labels = {"100k, revoked key (hit)", "100k, live key (miss)", "10, revoked key (hit)", "10, live key (miss)"};
        RevocationList[] lists = {big, big, smallList, smallList};
        JsonWebToken[][] asked = {bigHits, misses, smallHits, misses};
        boolean[] refused = {true, false, true, false};
        double[][] nanos = new double[labels.length][rounds];
        for (int i = 0; i < labels.length; i++) {
            check(lists[i], asked[i], refused[i], checks); // warm-up
        }
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("[check] round " + (round + 1) + "/" + rounds + ":");
            for (int i = 0; i < labels.length; i++) {
                nanos[i][round] = check(lists[i], asked[i], refused[i], checks);
                line.append(String.format(Locale.ROOT, "  %s %.0f ns", labels[i], nanos[i][round]));
            }
            System.out.println(line);
        }
        System.out.println();
        System.out.println("| figure | median | per round |");
        System.out.println("|---|---:|---|");
        row("feed snapshot decode (JSON-B), ms", decodeMillis);
        row("feed snapshot add to the list, ms", addMillis);
        row("list retained, MB", retainedMb);
        for (int i = 0; i < labels.length; i++) {
            row("check, " + labels[i] + ", ns", nanos[i]);
        }
        System.out.printf(Locale.ROOT, "%nper-round ratio 100k/10, hits: %.2f, misses: %.2f (median of per-round ratios); retained per entry: %.0f bytes%n",
                medianRatio(nanos[0], nanos[2]), medianRatio(nanos[1], nanos[3]), median(retainedMb) * 1e6 / entries);
    }

    /** Nanoseconds per check; fails when a verdict is wrong, so the work cannot be optimised away or be wrong. */
    private static double check(RevocationList list, JsonWebToken[] tokens, boolean refused, int checks) {
        int wrong = 0;
        long start = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            if (list.refuses(tokens[i % tokens.length]) != refused) {
                wrong++;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (wrong != 0) {
            throw new IllegalStateException(wrong + " wrong verdicts");
        }
        return elapsed / (double) checks;
    }

    /** {@code count} of the ids, picked at random (with repeats when there are fewer). */
    private static List<String> sample(List<String> ids, int count) {
        List<String> picked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            picked.add(ids.get(RANDOM.nextInt(ids.size())));
        }
        return picked;
    }

    private static List<String> clientIds(int count) {
        List<String> ids = new ArrayList<>(count);
        byte[] bytes = new byte[10];
        for (int i = 0; i < count; i++) {
            RANDOM.nextBytes(bytes);
            ids.add("pk-" + HexFormat.of().formatHex(bytes)); // as the provider names keys: pk- and 20 characters
        }
        return ids;
    }

    /** The feed's pages of KEY entries as the provider writes them when keys are revoked. */
    private static List<String> pages(List<String> clientIds) {
        long now = System.currentTimeMillis();
        List<String> pages = new ArrayList<>();
        for (int first = 0; first < clientIds.size(); first += PAGE_SIZE) {
            List<RevocationEntry> entries = new ArrayList<>();
            for (int i = first; i < Math.min(clientIds.size(), first + PAGE_SIZE); i++) {
                entries.add(new RevocationEntry((long) i + 1, "KEY", clientIds.get(i), "3f2b0c1e-5a7d-4e55-9c1b-7a0d2e4f6b81",
                        now / 1000, null, null, "KEY_REVOKED", now));
            }
            pages.add(JSONB.toJson(new RevocationPage(entries, (long) clientIds.size(), now)));
        }
        return pages;
    }

    private static JsonWebToken[] tokens(List<String> clientIds) {
        return clientIds.stream().map(id -> TestToken.ofKey(id).issuedAt(System.currentTimeMillis() / 1000 - 60))
                .toArray(JsonWebToken[]::new);
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void row(String figure, double[] perRound) {
        System.out.printf(Locale.ROOT, "| %s | %.1f | %s |%n", figure, median(perRound),
                Arrays.stream(perRound).mapToObj(v -> String.format(Locale.ROOT, "%.1f", v)).reduce((a, b) -> a + " / " + b).orElse(""));
    }

    private static double medianRatio(double[] top, double[] bottom) {
        double[] ratios = new double[top.length];
        for (int i = 0; i < top.length; i++) {
            ratios[i] = top[i] / bottom[i];
        }
        return median(ratios);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
