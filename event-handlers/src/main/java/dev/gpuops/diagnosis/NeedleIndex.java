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
 * An Aho-Corasick automaton over every prefilter needle of the catalog: one pass over a text finds the lines each
 * needle occurs on, so scanning costs the same whether the catalog has ten rules or a thousand. Texts and needles
 * are in the prefilter's folded form (see {@link LiteralExtractor#lower}), so every character is below 256.
 *
 * <p>The pass is the one part of a diagnosis that touches every character of a log, so the table is laid out for
 * {@link NeedleScan}'s inner loop: entries are row offsets (no multiply on the dependency chain from one character
 * to the next), and states with an output are numbered last, so "did a needle end here?" is one compare.
 */
final class NeedleIndex {

    static final int ALPHABET = 256;

    final Map<String, Integer> ids = new LinkedHashMap<>();
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
    final int[] lengths;
    /** needles with a line break (only a declared {@code literal} can have one): they belong to the line they start on */
    final boolean[] spansLines;

    /** the longest needle's length: how far a scan of one half of a text must read into the next */
    final int longest;

    NeedleIndex(Collection<String> needles) {
        needles.forEach(n -> ids.putIfAbsent(n, ids.size()));
        this.lengths = new int[ids.size()];
        this.spansLines = new boolean[ids.size()];
        ids.forEach((needle, id) -> {
            lengths[id] = needle.length();
            spansLines[id] = needle.indexOf('\n') >= 0 || needle.indexOf('\r') >= 0;
        });
        this.longest = ids.keySet().stream().mapToInt(String::length).max().orElse(0);
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

    /** The id of a needle, or -1 when it is not indexed. */
    int id(String needle) {
        Integer id = ids.get(needle);
        return id == null ? -1 : id;
    }

    /**
     * The lines each needle occurs on. {@code lineStarts} are the offsets where the text's lines begin (ascending,
     * the first 0); a needle occurrence belongs to the line it starts on, which is the line it ends on unless the
     * needle holds a line break.
     */
    NeedleHits scan(String text, int[] lineStarts) {
        return new NeedleScan(this, text, lineStarts).run();
    }

    /** The line holding the character at {@code offset}: the last line starting at or before it. */
    static int lineAt(int[] lineStarts, int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found : -found - 2;
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
