package dev.gpuops.diagnosis.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every {@code *.jsonl} file of a corpus directory (sorted, not recursive): one JSON object a line with
 * {@code text}, {@code label} (pattern id or null), {@code source} and {@code split} ({@code dev}|{@code holdout}).
 * Blank lines are skipped; anything else malformed is rejected with file:line:field.
 */
public final class CorpusReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CorpusReader() {
    }

    public static List<CorpusSample> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CorpusException(dir + ": not a directory (give the folder holding the *.jsonl files)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new CorpusException(dir + ": cannot list: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new CorpusException(dir + ": no *.jsonl files");
        }
        List<CorpusSample> samples = new ArrayList<>();
        files.forEach(file -> samples.addAll(readFile(file)));
        return samples;
    }

    static List<CorpusSample> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CorpusException(file + ": cannot read: " + e.getMessage());
        }
        List<CorpusSample> samples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                samples.add(parse(lines.get(i), file + ":" + (i + 1)));
            }
        }
        return samples;
    }

    private static CorpusSample parse(String line, String origin) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new CorpusException(origin + ": not a JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new CorpusException(origin + ": not a JSON object");
        }
        String text = required(node, "text", origin);
        JsonNode label = node.get("label");
        if (label == null || !(label.isNull() || label.isString())) {
            throw new CorpusException(origin + ":label: must be a pattern id or null");
        }
        String split = required(node, "split", origin);
        if (!CorpusSample.DEV.equals(split) && !CorpusSample.HOLDOUT.equals(split)) {
            throw new CorpusException(origin + ":split: must be \"dev\" or \"holdout\", got \"" + split + "\"");
        }
        return new CorpusSample(text, label.isNull() ? null : label.asString(), required(node, "source", origin),
                split, origin);
    }

    private static String required(JsonNode node, String field, String origin) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new CorpusException(origin + ":" + field + ": required, a non-empty string");
        }
        return value.asString();
    }
}
