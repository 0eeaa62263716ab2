package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NeedleIndexTest {

    @Test
    void findsTheLinesOfOverlappingAndNestedNeedles() {
        NeedleIndex index = new NeedleIndex(List.of("he", "she", "his", "hers"));

        NeedleHits hits = ScanText.of(null, "t", "ushers\nand his\nshed she").index(index).hits();

        assertThat(hits.lines("she")).containsExactly(0, 2);
        assertThat(hits.lines("he")).containsExactly(0, 2);
        assertThat(hits.lines("hers")).containsExactly(0);
        assertThat(hits.lines("his")).containsExactly(1);
        assertThat(hits.lines("unknown")).isEmpty();
    }

    @Test
    void aNeedleWithALineBreakBelongsToTheLineItStartsOn() {
        NeedleIndex index = new NeedleIndex(List.of("oom\nkil", "kil"));

        NeedleHits hits = ScanText.of(null, "t", "a\nsome oom\nkilled\n").index(index).hits();

        assertThat(hits.lines("oom\nkil")).containsExactly(1);
        assertThat(hits.lines("kil")).containsExactly(2);
    }

    @Test
    void agreesWithIndexOfOnRandomText() {
        agreesWithIndexOf(new Random(42), 200, 400);
    }

    @Test
    void agreesWithIndexOfOnTextsLongEnoughToBeScannedInTwoHalves() {
        // above 64 KB the scan runs two streams, cut at a line start near the middle; a needle holding a line
        // break can straddle the cut
        agreesWithIndexOf(new Random(7), 12, 150_000);
    }

    @Test
    void aNeedleStraddlingTheCutBetweenTheHalvesIsFoundOnce() {
        // the middle is on line 0, so the second half starts at line 1, right after the '\n' of "r\ne"
        String text = "x".repeat(70_000) + "error\neoom " + "y".repeat(70_000) + " oom\nerror";
        NeedleIndex index = new NeedleIndex(List.of("r\ne", "oom", "error"));

        NeedleHits hits = ScanText.of(null, "t", text).index(index).hits();

        assertThat(hits.lines("r\ne")).containsExactly(0);
        assertThat(hits.lines("oom")).containsExactly(1);
        assertThat(hits.lines("error")).containsExactly(0, 2);
    }

    private static void agreesWithIndexOf(Random random, int rounds, int length) {
        List<String> needles = List.of("error", "err", "rro", "out of memory", "oom", "o", "memory error", "r\ne",
                "m\n\ny");
        NeedleIndex index = new NeedleIndex(needles);
        for (int round = 0; round < rounds; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append("erOM yt\u001A\n\r\u2588".charAt(random.nextInt(11)));
                if (random.nextInt(40) == 0) {
                    text.append(needles.get(random.nextInt(needles.size())));
                }
            }
            ScanText scan = ScanText.of(null, "t", text.toString()).index(index);
            for (String needle : needles) {
                assertThat(scan.hits().lines(needle)).as(needle).containsExactly(naive(scan, text.toString(), needle));
            }
        }
    }

    /** The lines holding the start of an occurrence in the folded text, ascending, each once. */
    private static int[] naive(ScanText scan, String text, String needle) {
        String folded = LiteralExtractor.lower(text);
        TreeSet<Integer> lines = new TreeSet<>();
        for (int at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
            lines.add(scan.lineAt(at));
        }
        return lines.stream().mapToInt(Integer::intValue).toArray();
    }
}
