package dev.gpuops.diagnosis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test reference: a frozen copy of {@code NeedleIndex} as it was before the one-pass matcher of issue 11.
 * {@link MatcherEquivalenceTest} checks that the new matcher gives results identical to this one.
 *
 * <p>Its own doc: An Aho-Corasick automaton over every prefilter needle of the catalog: one pass over a text finds where each needle
 * occurs, so scanning costs the same whether the catalog has ten rules or a thousand. Texts and needles are in the
 * prefilter's folded form (see {@link LiteralExtractor#lower}), so every character is below 256.
 */
final class LegacyNeedleIndex {

    private static final int ALPHABET = 256;

    private final Map<String, Integer> ids = new LinkedHashMap<>();
    private final int[] delta;
    private final int[][] outputs;
    /**
     * The scan's table: {@code delta} over character classes instead of all 256 characters. Every character that
     * occurs in no needle moves every state to the root, so they share class 0; the few dozen others get a class
     * each. The table shrinks from states x 256 to states x classes entries and stays in the CPU cache, which is
     * what a one-pass scan of a 100 MB log is bound by.
     */
    private final int[] compact;
    private final int classes;
    /** class of each raw character (folding included: 'A' and 'a' share a class); {@code other} for > 0xFF */
    private final int[] classOf = new int[ALPHABET];
    private final int other;

    LegacyNeedleIndex(Collection<String> needles) {
        needles.forEach(n -> ids.putIfAbsent(n, ids.size()));
        List<int[]> goTo = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        goTo.add(newState());
        out.add(new ArrayList<>());
        ids.forEach((needle, id) -> insert(needle, id, goTo, out));
        int states = goTo.size();
        this.delta = new int[states * ALPHABET];
        this.outputs = new int[states][];
        link(goTo, out);
        int[] folded = new int[ALPHABET];
        int next = 1;
        for (String needle : ids.keySet()) {
            for (int i = 0; i < needle.length(); i++) {
                int c = needle.charAt(i) & 0xFF;
                if (folded[c] == 0) {
                    folded[c] = next++;
                }
            }
        }
        this.classes = next;
        int[] representative = new int[classes];
        for (int c = 0; c < ALPHABET; c++) {
            classOf[c] = folded[LiteralExtractor.fold((char) c)];
            representative[classOf[c]] = LiteralExtractor.fold((char) c);
        }
        this.other = folded[LiteralExtractor.fold('\u0100')];
        this.compact = new int[states * classes];
        for (int state = 0; state < states; state++) {
            for (int k = 1; k < classes; k++) {
                compact[state * classes + k] = delta[state * ALPHABET + representative[k]];
            }
        }
    }

    private static int[] newState() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }

    private static void insert(String needle, int id, List<int[]> goTo, List<List<Integer>> out) {
        int state = 0;
        for (int i = 0; i < needle.length(); i++) {
            int c = needle.charAt(i) & 0xFF;
            if (goTo.get(state)[c] < 0) {
                goTo.get(state)[c] = goTo.size();
                goTo.add(newState());
                out.add(new ArrayList<>());
            }
            state = goTo.get(state)[c];
        }
        out.get(state).add(id);
    }

    /** Breadth-first failure links, folded into a complete transition table (a DFA). */
    private void link(List<int[]> goTo, List<List<Integer>> out) {
        int[] fail = new int[goTo.size()];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int next = goTo.getFirst()[c];
            delta[c] = Math.max(next, 0);
            if (next > 0) {
                queue.add(next);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            out.get(state).addAll(out.get(fail[state]));
            for (int c = 0; c < ALPHABET; c++) {
                int next = goTo.get(state)[c];
                if (next > 0) {
                    fail[next] = delta[fail[state] * ALPHABET + c];
                    queue.add(next);
                    delta[state * ALPHABET + c] = next;
                } else {
                    delta[state * ALPHABET + c] = delta[fail[state] * ALPHABET + c];
                }
            }
        }
        for (int s = 0; s < outputs.length; s++) {
            outputs[s] = out.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Where each needle occurs in a text: for every needle id, the end offsets of its occurrences. The text is folded
     * on the fly as {@link LiteralExtractor#lower} folds it (no copy of a multi-megabyte log).
     */
    Hits scan(String text) {
        int[][] ends = new int[ids.size()][];
        int[] counts = new int[ids.size()];
        int state = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            state = compact[state * classes + (c < ALPHABET ? classOf[c] : other)];
            for (int id : outputs[state]) {
                if (ends[id] == null) {
                    ends[id] = new int[8];
                } else if (counts[id] == ends[id].length) {
                    ends[id] = Arrays.copyOf(ends[id], counts[id] * 2);
                }
                ends[id][counts[id]++] = i;
            }
        }
        return new Hits(ids, ends, counts);
    }

    /** The result of one scan. */
    static final class Hits {
        private static final int[] NONE = new int[0];
        private final Map<String, Integer> ids;
        private final int[][] ends;
        private final int[] counts;

        private Hits(Map<String, Integer> ids, int[][] ends, int[] counts) {
            this.ids = ids;
            this.ends = ends;
            this.counts = counts;
        }

        /** Start offsets of the needle's occurrences, in order; empty when it never occurs. */
        int[] starts(String needle) {
            Integer id = ids.get(needle);
            if (id == null || ends[id] == null) {
                return NONE;
            }
            int[] starts = Arrays.copyOf(ends[id], counts[id]);
            for (int i = 0; i < starts.length; i++) {
                starts[i] -= needle.length() - 1;
            }
            return starts;
        }
    }
}
