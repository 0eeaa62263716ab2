package dev.gpuops.diagnosis;

/**
 * One pass of a {@link NeedleIndex} over a text. The text is cut at a line start near its middle and both halves
 * are run through the automaton in the same loop: each step of an automaton waits for the table lookup of the step
 * before, so one stream leaves the CPU idle most of the time, and two independent streams nearly double the
 * throughput (on one core: this is not parallelism). The first half's automaton then reads on into the second half
 * for up to the longest needle's length, reporting only needles that start before the cut, so nothing that
 * straddles the cut is missed or reported twice. Characters are copied to {@code char[]} blocks (an intrinsic copy)
 * rather than read one by one with {@code charAt}.
 */
final class NeedleScan {

    private static final int BLOCK = 8192;
    /** Below this a text is scanned as one stream: the cut is not worth its bookkeeping. */
    private static final int TWO_STREAMS_FROM = 1 << 16;

    private final NeedleIndex index;
    private final NeedleTable automaton;
    private final String text;
    private final int[] lineStarts;
    private final int[] table;
    private final int[] classOf;
    private final int other;
    private final int firstOutputRow;

    NeedleScan(NeedleIndex index, NeedleTable automaton, String text, int[] lineStarts) {
        this.index = index;
        this.automaton = automaton;
        this.text = text;
        this.lineStarts = lineStarts;
        this.table = automaton.table;
        this.classOf = automaton.classOf;
        this.other = automaton.other;
        this.firstOutputRow = automaton.firstOutputRow;
    }

    /** Where one stream is: its automaton state (a row offset), position, and the line of the last reported hit. */
    private static final class Cursor {
        final NeedleHits hits;
        int state;
        int pos;
        int line;

        Cursor(NeedleHits hits, int pos, int line) {
            this.hits = hits;
            this.pos = pos;
            this.line = line;
        }
    }

    NeedleHits run() {
        int length = text.length();
        int cutLine = length < TWO_STREAMS_FROM ? lineStarts.length : NeedleIndex.lineAt(lineStarts, length / 2) + 1;
        int cut = cutLine < lineStarts.length ? lineStarts[cutLine] : length;
        Cursor first = new Cursor(new NeedleHits(index.ids, lineStarts.length), 0, 0);
        Cursor second = new Cursor(new NeedleHits(index.ids, lineStarts.length), cut,
                Math.min(cutLine, lineStarts.length - 1));
        interleaved(first, cut, second, length);
        single(first, cut, Integer.MAX_VALUE);
        single(first, Math.min(length, cut + index.longest - 1), cut);
        single(second, length, Integer.MAX_VALUE);
        first.hits.append(second.hits);
        return first.hits;
    }

    /** Both streams, step by step, until one reaches its end. */
    private void interleaved(Cursor a, int endA, Cursor b, int endB) {
        char[] blockA = new char[BLOCK];
        char[] blockB = new char[BLOCK];
        int stateA = a.state;
        int stateB = b.state;
        while (a.pos < endA && b.pos < endB) {
            int n = Math.min(BLOCK, Math.min(endA - a.pos, endB - b.pos));
            text.getChars(a.pos, a.pos + n, blockA, 0);
            text.getChars(b.pos, b.pos + n, blockB, 0);
            for (int j = 0; j < n; j++) {
                char ca = blockA[j];
                char cb = blockB[j];
                stateA = table[stateA + (ca < NeedleTable.ALPHABET ? classOf[ca] : other)];
                stateB = table[stateB + (cb < NeedleTable.ALPHABET ? classOf[cb] : other)];
                if (stateA >= firstOutputRow) {
                    report(a, stateA, a.pos + j, Integer.MAX_VALUE);
                }
                if (stateB >= firstOutputRow) {
                    report(b, stateB, b.pos + j, Integer.MAX_VALUE);
                }
            }
            a.pos += n;
            b.pos += n;
        }
        a.state = stateA;
        b.state = stateB;
    }

    /** One stream on to {@code end}, reporting only occurrences that start before {@code startsBefore}. */
    private void single(Cursor c, int end, int startsBefore) {
        char[] block = new char[BLOCK];
        int state = c.state;
        while (c.pos < end) {
            int n = Math.min(BLOCK, end - c.pos);
            text.getChars(c.pos, c.pos + n, block, 0);
            for (int j = 0; j < n; j++) {
                char ch = block[j];
                state = table[state + (ch < NeedleTable.ALPHABET ? classOf[ch] : other)];
                if (state >= firstOutputRow) {
                    report(c, state, c.pos + j, startsBefore);
                }
            }
            c.pos += n;
        }
        c.state = state;
    }

    /** Records the needles ending at {@code at} on their lines. */
    private void report(Cursor c, int state, int at, int startsBefore) {
        while (c.line + 1 < lineStarts.length && lineStarts[c.line + 1] <= at) {
            c.line++;
        }
        for (int id : automaton.outputs[state / automaton.classes]) {
            int start = at - index.lengths[id] + 1;
            if (start < startsBefore) {
                c.hits.add(id, index.spansLines[id] ? NeedleIndex.lineAt(lineStarts, start) : c.line);
            }
        }
    }
}
