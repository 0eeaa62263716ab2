package dev.gpuops.diagnosis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The Aho-Corasick automaton of a {@link NeedleIndex}, laid out for {@link NeedleScan}'s inner loop: entries are
 * row offsets (no multiply on the dependency chain from one character to the next), and states with an output are
 * numbered last, so "did a needle end here?" is one compare.
 */
final class NeedleTable {

    static final int ALPHABET = 256;

    /**
     * The scan's table over character classes instead of all 256 characters: every character that occurs in no
     * needle moves every state to the root, so they share class 0; the few dozen others get a class each. The
     * table stays small enough for the CPU cache, which is what a one-pass scan of a 100 MB log is bound by. Entries
     * are row offsets ({@code state * classes}).
     */
    final int[] table;
    final int classes;
    /** row offset of the first state with an output; every state at or above it has one */
    final int firstOutputRow;
    /** needle ids ending in each state, by row offset / classes */
    final int[][] outputs;
    /** class of each raw character (folding included: 'A' and 'a' share a class); {@code other} for > 0xFF */
    final int[] classOf = new int[ALPHABET];
    final int other;

    NeedleTable(Map<String, Integer> ids) {
        Automaton automaton = new Automaton(ids);
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
        int[] order = automaton.outputsLast();
        int[] rank = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = i;
        }
        this.table = new int[order.length * classes];
        this.outputs = new int[order.length][];
        int firstOutput = order.length;
        for (int i = 0; i < order.length; i++) {
            int state = order[i];
            outputs[i] = automaton.outputs[state];
            if (outputs[i].length > 0 && firstOutput == order.length) {
                firstOutput = i;
            }
            for (int k = 1; k < classes; k++) {
                table[i * classes + k] = rank[automaton.delta[state * ALPHABET + representative[k]]] * classes;
            }
        }
        this.firstOutputRow = firstOutput * classes;
    }

    /** The textbook automaton (goto, failure links, outputs) as a complete transition table over 256 characters. */
    private static final class Automaton {
        private final int[] delta;
        private final int[][] outputs;

        Automaton(Map<String, Integer> ids) {
            List<int[]> goTo = new ArrayList<>();
            List<List<Integer>> out = new ArrayList<>();
            goTo.add(newState());
            out.add(new ArrayList<>());
            ids.forEach((needle, id) -> insert(needle, id, goTo, out));
            this.delta = new int[goTo.size() * ALPHABET];
            this.outputs = new int[goTo.size()][];
            link(goTo, out);
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

        /** States renumbered: the root first, those without an output next, those with one last. */
        int[] outputsLast() {
            int[] order = new int[outputs.length];
            int n = 0;
            for (int s = 0; s < outputs.length; s++) {
                if (outputs[s].length == 0) {
                    order[n++] = s;
                }
            }
            for (int s = 0; s < outputs.length; s++) {
                if (outputs[s].length > 0) {
                    order[n++] = s;
                }
            }
            return order;
        }
    }
}
