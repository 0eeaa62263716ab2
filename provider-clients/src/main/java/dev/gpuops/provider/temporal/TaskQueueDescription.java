package dev.gpuops.provider.temporal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pollers {@code temporal task-queue describe} (or {@code tctl taskqueue describe}) reports for one task queue.
 * Reads the table output (the rows under the header naming {@code Identity}) and {@code --output json} (every
 * {@code pollers} array, whichever CLI version nests them where).
 *
 * @param identities the distinct poller identities, e.g. {@code 4201@gpu-box@} (a worker polls the workflow and the
 *                   activity queue under one identity); empty when nobody polls
 */
public record TaskQueueDescription(String queue, List<String> identities) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public TaskQueueDescription {
        identities = identities.stream().distinct().toList();
    }

    public int pollers() {
        return identities.size();
    }

    /** Empty when the output is neither the CLI's table nor its JSON (an error message, a usage text). */
    public static Optional<TaskQueueDescription> parse(String queue, String output) {
        String text = output == null ? "" : output.strip();
        if (text.startsWith("{")) {
            return json(queue, text);
        }
        return table(queue, text);
    }

    private static Optional<TaskQueueDescription> json(String queue, String text) {
        try {
            JsonNode root = JSON.readTree(text);
            List<String> identities = new ArrayList<>();
            boolean found = collect(root, identities);
            return found ? Optional.of(new TaskQueueDescription(queue, identities)) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static boolean collect(JsonNode node, List<String> identities) {
        boolean found = false;
        if (node.isObject()) {
            for (var field : node.properties()) {
                if (field.getKey().equals("pollers") && (field.getValue().isArray() || field.getValue().isNull())) {
                    found = true;
                    field.getValue().forEach(p -> identities.add(p.path("identity").asString("?")));
                } else {
                    found |= collect(field.getValue(), identities);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                found |= collect(item, identities);
            }
        }
        return found;
    }

    /**
     * The CLI's table: a header line with an {@code Identity} column, then one row per poller until a blank line or
     * the next section ({@code Something:}). No header at all is not a describe output.
     */
    private static Optional<TaskQueueDescription> table(String queue, String text) {
        List<String> lines = text.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).toLowerCase(java.util.Locale.ROOT).matches(".*\\bidentity\\b.*")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            boolean emptySection = lines.stream().anyMatch(l -> l.strip().equals("Pollers:"));
            return emptySection ? Optional.of(new TaskQueueDescription(queue, List.of())) : Optional.empty();
        }
        List<String> identities = new ArrayList<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            String row = line.strip();
            if (row.isEmpty() || row.endsWith(":") || row.matches("[-=+|\\s]+")) {
                if (row.isEmpty() || row.endsWith(":")) {
                    break;
                }
                continue;
            }
            identities.add(identity(row));
        }
        return Optional.of(new TaskQueueDescription(queue, identities));
    }

    /** Temporal's default worker identity is {@code pid@host@…}; otherwise the row's first word. */
    private static String identity(String row) {
        String[] words = row.replace("|", " ").strip().split("\\s+");
        for (String word : words) {
            if (word.contains("@")) {
                return word;
            }
        }
        return words[0];
    }
}
