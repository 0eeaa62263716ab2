package dev.gpuops.diagnosis;

import dev.gpuops.runbook.action.Evidence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One piece of evidence prepared for scanning: cleaned lines joined by '\n' (CRLF and progress-bar carriage returns
 * become line breaks), an ASCII-lower-cased copy of the same length for the literal prefilter, and line offsets.
 * JSON bodies (provider state, probe responses) are parsed once, on demand, for field rules.
 */
final class ScanText {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final Evidence.Kind kind;
    private final String source;
    private final String raw;
    private final String content;
    private final String lower;
    private final int[] starts;
    private JsonNode json;
    private boolean jsonParsed;

    private ScanText(Evidence.Kind kind, String source, String raw, String content, int[] starts) {
        this.kind = kind;
        this.source = source;
        this.raw = raw;
        this.content = content;
        this.lower = LiteralExtractor.lower(content);
        this.starts = starts;
    }

    /** @param kind null for free text of unknown origin (the CLI), which every pattern looks at */
    static ScanText of(Evidence.Kind kind, String source, String raw) {
        String text = raw == null ? "" : raw;
        LineCleaner cleaner = new LineCleaner();
        StringBuilder joined = new StringBuilder(Math.min(text.length() + 16, Integer.MAX_VALUE - 8));
        List<Integer> starts = new ArrayList<>();
        int n = text.length();
        int begin = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : '\n';
            if (c == '\n' || c == '\r') {
                starts.add(joined.length());
                joined.append(cleaner.clean(text.substring(begin, i))).append('\n');
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                begin = i + 1;
            }
        }
        int[] offsets = starts.stream().mapToInt(Integer::intValue).toArray();
        return new ScanText(kind, source == null ? "" : source, text, joined.toString(), offsets);
    }

    Evidence.Kind kind() {
        return kind;
    }

    String source() {
        return source;
    }

    String lower() {
        return lower;
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
