package dev.gpuops.diagnosis;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Aho-Corasick automaton over every prefilter needle of the catalog: one pass over a text finds the lines each
 * needle occurs on, so scanning costs the same whether the catalog has ten rules or a thousand. Texts and needles
 * are in the prefilter's folded form (see {@link LiteralExtractor#lower}), so every character is below 256.
 *
 * <p>The pass is the one part of a diagnosis that touches every character of a log: see {@link NeedleTable} and
 * {@link NeedleScan}. Short texts skip the automaton (see {@link #scanEach}).
 */
final class NeedleIndex {

    /** From this length on a text is scanned with the automaton; below it each needle is looked for on its own. */
    static final int AUTOMATON_FROM = 1 << 15;

    final Map<String, Integer> ids = new LinkedHashMap<>();
    private volatile NeedleTable table;
    final int[] lengths;
    /** needles with a line break (only a declared {@code literal} can have one) belong to the line they start on */
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
        if (text.length() < AUTOMATON_FROM) {
            return scanEach(text, lineStarts);
        }
        return new NeedleScan(this, table(), text, lineStarts).run();
    }

    /**
     * Each needle on its own ({@link String#indexOf} over the folded text): for short texts this is cheaper than
     * building the automaton, which a short-lived {@code gpuops diagnose} on a small log then never does.
     */
    private NeedleHits scanEach(String text, int[] lineStarts) {
        String folded = LiteralExtractor.lower(text);
        NeedleHits hits = new NeedleHits(ids, lineStarts.length);
        ids.forEach((needle, id) -> {
            int at = folded.indexOf(needle);
            while (at >= 0) {
                int line = lineAt(lineStarts, at);
                hits.add(id, line);
                at = line + 1 < lineStarts.length ? folded.indexOf(needle, lineStarts[line + 1]) : -1;
            }
        });
        return hits;
    }

    /** The automaton, built the first time a long text is scanned (then shared by every scan, on any thread). */
    NeedleTable table() {
        NeedleTable built = table;
        if (built == null) {
            synchronized (this) {
                built = table;
                if (built == null) {
                    built = new NeedleTable(ids);
                    table = built;
                }
            }
        }
        return built;
    }

    /** The line holding the character at {@code offset}: the last line starting at or before it. */
    static int lineAt(int[] lineStarts, int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found : -found - 2;
    }
}
