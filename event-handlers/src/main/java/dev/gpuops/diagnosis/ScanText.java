package dev.gpuops.diagnosis;

import dev.gpuops.runbook.action.Evidence;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One piece of evidence prepared for scanning: its lines (CRLF and progress-bar carriage returns end a line too),
 * where every catalog needle occurs in it, and each line's cleaned content on demand. JSON bodies (provider state,
 * probe responses) are parsed once, on demand, for field rules.
 *
 * <p>Cleaning ({@link LineCleaner}: prefixes and ANSI codes) costs a few regexes per line, so it is done only for the
 * lines a rule looks at, not for the whole log: the needles are found in the raw text instead. That finds every
 * needle the cleaned lines hold, because a cleaned line without ANSI codes is a substring of its raw line (cleaning
 * only cuts). Text with an ESC character is cleaned up front as before, since removing an ANSI code can join a needle.
 */
final class ScanText {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final Evidence.Kind kind;
    private final String source;
    private final String raw;
    /** the text the line offsets and needle hits refer to: the raw text, or its cleaned lines when it has ANSI codes */
    private final String content;
    private final boolean cleaned;
    private final int[] starts;
    private final int[] ends;
    private final LineCleaner cleaner = new LineCleaner();
    private String[] lines;
    private NeedleHits hits;
    private Prefilters prefilters;
    private JsonNode json;
    private boolean jsonParsed;

    private ScanText(Evidence.Kind kind, String source, String raw, String content, boolean cleaned, IntList starts,
                     IntList ends) {
        this.kind = kind;
        this.source = source;
        this.raw = raw;
        this.content = content;
        this.cleaned = cleaned;
        this.starts = starts.toArray();
        this.ends = ends.toArray();
    }

    /** @param kind null for free text of unknown origin (the CLI), which every pattern looks at */
    static ScanText of(Evidence.Kind kind, String source, String raw) {
        String text = raw == null ? "" : raw;
        String from = source == null ? "" : source;
        IntList starts = new IntList();
        IntList ends = new IntList();
        split(text, starts, ends);
        if (text.indexOf('\u001B') < 0) {
            return new ScanText(kind, from, text, text, false, starts, ends);
        }
        LineCleaner cleaner = new LineCleaner();
        StringBuilder joined = new StringBuilder(text.length() + 16);
        IntList cleanStarts = new IntList();
        IntList cleanEnds = new IntList();
        for (int i = 0; i < starts.size; i++) {
            cleanStarts.add(joined.length());
            joined.append(cleaner.clean(text.substring(starts.values[i], ends.values[i])));
            cleanEnds.add(joined.length());
            joined.append('\n');
        }
        return new ScanText(kind, from, text, joined.toString(), true, cleanStarts, cleanEnds);
    }

    /** Line boundaries [start, end) in {@code text}: '\n', a lone '\r' (progress bars) and "\r\n" end a line. */
    private static void split(String text, IntList starts, IntList ends) {
        int n = text.length();
        int nextCr = text.indexOf('\r');
        int begin = 0;
        while (begin <= n) {
            int newline = text.indexOf('\n', begin);
            int end = newline < 0 ? n : newline;
            while (nextCr >= 0 && nextCr < end) {
                starts.add(begin);
                ends.add(nextCr);
                begin = nextCr + 1;
                nextCr = text.indexOf('\r', begin);
            }
            boolean restOfCrLf = begin == end && begin > 0 && text.charAt(begin - 1) == '\r';
            if (!restOfCrLf) {
                starts.add(begin);
                ends.add(end);
            }
            begin = end + 1;
        }
    }

    /** A growable int array: line offsets of multi-megabyte logs without boxing. */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    Evidence.Kind kind() {
        return kind;
    }

    String source() {
        return source;
    }

    /** Finds every catalog needle in this text in one pass; done once, before any rule scans it. */
    ScanText index(Prefilters catalogNeedles) {
        prefilters = catalogNeedles;
        hits = catalogNeedles.index().scan(content, starts);
        return this;
    }

    /** Finds the given needles in this text in one pass (for tests of the scan). */
    ScanText index(NeedleIndex needles) {
        hits = needles.scan(content, starts);
        return this;
    }

    NeedleHits hits() {
        return hits;
    }

    Prefilters.Prefilter prefilter(RegexRule rule) {
        return prefilters.of(rule);
    }

    int lineCount() {
        return starts.length;
    }

    /** The line's content as rules see it (cleaned), computed once per line. */
    String line(int index) {
        if (cleaned) {
            return content.substring(starts[index], ends[index]);
        }
        if (lines == null) {
            lines = new String[starts.length];
        }
        String line = lines[index];
        if (line == null) {
            line = cleaner.clean(content.substring(starts[index], ends[index]));
            lines[index] = line;
        }
        return line;
    }

    /** The line holding the character at {@code offset} (an offset of a needle hit). */
    int lineAt(int offset) {
        return NeedleIndex.lineAt(starts, offset);
    }

    /** The JSON object (or array) in the raw text, from its first brace, or null when there is none. */
    JsonNode json() {
        if (!jsonParsed) {
            jsonParsed = true;
            json = parseFrom(raw.indexOf('{'));
            if (json == null) {
                json = parseFrom(raw.indexOf('['));
            }
        }
        return json;
    }

    private JsonNode parseFrom(int offset) {
        if (offset < 0) {
            return null;
        }
        try {
            return JSON.readTree(raw.substring(offset));
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
