package dev.gpuops.diagnosis;

import dev.gpuops.runbook.action.Evidence;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One piece of evidence prepared for scanning: cleaned lines joined by '\n' (CRLF and progress-bar carriage returns
 * become line breaks), their offsets, and where every catalog needle occurs in them. JSON bodies (provider state,
 * probe responses) are parsed once, on demand, for field rules.
 */
final class ScanText {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final Evidence.Kind kind;
    private final String source;
    private final String raw;
    private final String content;
    private final int[] starts;
    private NeedleIndex.Hits hits;
    private JsonNode json;
    private boolean jsonParsed;

    private ScanText(Evidence.Kind kind, String source, String raw, String content, int[] starts) {
        this.kind = kind;
        this.source = source;
        this.raw = raw;
        this.content = content;
        this.starts = starts;
    }

    /** @param kind null for free text of unknown origin (the CLI), which every pattern looks at */
    static ScanText of(Evidence.Kind kind, String source, String raw) {
        String text = raw == null ? "" : raw;
        LineCleaner cleaner = new LineCleaner();
        StringBuilder joined = new StringBuilder(text.length() + 16);
        IntList starts = new IntList();
        int n = text.length();
        int nextCr = text.indexOf('\r');
        int begin = 0;
        while (begin <= n) {
            int newline = text.indexOf('\n', begin);
            int end = newline < 0 ? n : newline;
            while (nextCr >= 0 && nextCr < end) {
                // a lone CR (progress bars) also ends a line; CRLF ends just one
                starts.add(joined.length());
                joined.append(cleaner.clean(text.substring(begin, nextCr))).append('\n');
                begin = nextCr + 1;
                nextCr = text.indexOf('\r', begin);
            }
            boolean restOfCrLf = begin == end && begin > 0 && text.charAt(begin - 1) == '\r';
            if (!restOfCrLf) {
                starts.add(joined.length());
                joined.append(cleaner.clean(text.substring(begin, end))).append('\n');
            }
            begin = end + 1;
        }
        return new ScanText(kind, source == null ? "" : source, text, joined.toString(), starts.toArray());
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
    ScanText index(NeedleIndex needles) {
        hits = needles.scan(LiteralExtractor.lower(content));
        return this;
    }

    NeedleIndex.Hits hits() {
        return hits;
    }

    int lineCount() {
        return starts.length;
    }

    String line(int index) {
        return content.substring(starts[index], lineEnd(index));
    }

    /** Offset of the '\n' ending the line. */
    int lineEnd(int index) {
        return (index + 1 < starts.length ? starts[index + 1] : content.length()) - 1;
    }

    int lineAt(int offset) {
        int found = Arrays.binarySearch(starts, offset);
        return found >= 0 ? found : -found - 2;
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
