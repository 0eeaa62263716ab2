package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NeedleIndexTest {

    @Test
    void findsOverlappingAndNestedNeedles() {
        NeedleIndex index = new NeedleIndex(List.of("he", "she", "his", "hers"));

        NeedleIndex.Hits hits = index.scan("ushers and his shed");

        assertThat(hits.starts("she")).containsExactly(1, 15);
        assertThat(hits.starts("he")).containsExactly(2, 16);
        assertThat(hits.starts("hers")).containsExactly(2);
        assertThat(hits.starts("his")).containsExactly(11);
        assertThat(hits.starts("unknown")).isEmpty();
    }

    @Test
    void agreesWithIndexOfOnRandomText() {
        Random random = new Random(42);
        List<String> needles = List.of("error", "err", "rro", "out of memory", "oom", "o", "memory error");
        NeedleIndex index = new NeedleIndex(needles);
        for (int round = 0; round < 50; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                text.append("erom yt\u001A".charAt(random.nextInt(8)));
                if (random.nextInt(40) == 0) {
                    text.append(needles.get(random.nextInt(needles.size())));
                }
            }
            NeedleIndex.Hits hits = index.scan(text.toString());
            for (String needle : needles) {
                assertThat(hits.starts(needle)).as(needle).containsExactly(naive(text.toString(), needle));
            }
        }
    }

    private static int[] naive(String text, String needle) {
        List<Integer> found = new ArrayList<>();
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            found.add(at);
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }
}
