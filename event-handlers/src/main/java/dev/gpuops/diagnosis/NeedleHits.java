package dev.gpuops.diagnosis;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;

/** The result of one {@link NeedleIndex} scan: for every needle, the lines it occurs on, ascending, each once. */
final class NeedleHits {
    private static final int[] NONE = new int[0];
    private final Map<String, Integer> ids;
    private final int[][] lines;
    private final int[] counts;
    private final BitSet[] onLine;
    private final int lineCount;

    NeedleHits(Map<String, Integer> ids, int lineCount) {
        this.ids = ids;
        this.lines = new int[ids.size()][];
        this.counts = new int[ids.size()];
        this.onLine = new BitSet[ids.size()];
        this.lineCount = lineCount;
    }

    void add(int id, int line) {
        int[] found = lines[id];
        int count = counts[id];
        if (found == null) {
            found = new int[8];
            lines[id] = found;
        } else if (found[count - 1] == line) {
            return;
        } else if (count == found.length) {
            found = Arrays.copyOf(found, count * 2);
            lines[id] = found;
        }
        found[count] = line;
        counts[id] = count + 1;
    }

    /** Appends another scan's hits, all on later lines (the second half of the same text). */
    void append(NeedleHits later) {
        for (int id = 0; id < lines.length; id++) {
            for (int i = 0; i < later.counts[id]; i++) {
                add(id, later.lines[id][i]);
            }
        }
    }

    /** The lines a needle occurs on, ascending, each once; empty when it never occurs or is not indexed. */
    int[] lines(String needle) {
        Integer id = ids.get(needle);
        return id == null ? NONE : lines(id);
    }

    int[] lines(int id) {
        return lines[id] == null ? NONE : Arrays.copyOf(lines[id], counts[id]);
    }

    int count(int id) {
        return counts[id];
    }

    /** The i-th line of a needle (ascending), without copying the array; {@code i < count(id)}. */
    int line(int id, int i) {
        return lines[id][i];
    }

    /** Whether the needle occurs on the line; a bit set per needle, made the first time it is asked. */
    boolean on(int id, int line) {
        if (lines[id] == null) {
            return false;
        }
        BitSet set = onLine[id];
        if (set == null) {
            set = new BitSet(lineCount);
            for (int i = 0; i < counts[id]; i++) {
                set.set(lines[id][i]);
            }
            onLine[id] = set;
        }
        return set.get(line);
    }
}
