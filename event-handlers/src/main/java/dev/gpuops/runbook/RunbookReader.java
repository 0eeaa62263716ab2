package dev.gpuops.runbook;

import dev.gpuops.event.Verb;
import dev.gpuops.target.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the {@link Runbook} model from a document that already passed the schema. */
final class RunbookReader {

    private RunbookReader() {
    }

    @SuppressWarnings("unchecked")
    static Runbook read(Map<String, Object> document, FileProblems problems) {
        Map<String, Object> metadata = (Map<String, Object>) document.get("metadata");
        Verb verb = Verb.parse(String.valueOf(metadata.get("verb"))).orElseThrow();
        Map<String, RunbookInput> inputs = inputs((Map<String, Object>) document.get("inputs"));
        List<RunbookStep> steps = new ArrayList<>();
        List<Object> raw = (List<Object>) document.get("steps");
        for (int i = 0; i < raw.size(); i++) {
            steps.add(step((Map<String, Object>) raw.get(i), i, problems));
        }
        return new Runbook(String.valueOf(metadata.get("name")), verb,
                ((List<Object>) metadata.get("providers")).stream().map(String::valueOf).toList(),
                (String) metadata.getOrDefault("description", ""), inputs, steps, problems.file());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, RunbookInput> inputs(Map<String, Object> raw) {
        Map<String, RunbookInput> inputs = new LinkedHashMap<>();
        if (raw == null) {
            return inputs;
        }
        raw.forEach((name, value) -> {
            Map<String, Object> spec = value == null ? Map.of() : (Map<String, Object>) value;
            Object defaultValue = spec.get("default");
            inputs.put(name, new RunbookInput(name, (String) spec.getOrDefault("description", ""),
                    Boolean.TRUE.equals(spec.get("required")),
                    defaultValue == null ? null : String.valueOf(defaultValue)));
        });
        return inputs;
    }

    @SuppressWarnings("unchecked")
    private static RunbookStep step(Map<String, Object> raw, int index, FileProblems problems) {
        List<Object> path = FileProblems.path("steps", index);
        Map<String, Object> retry = (Map<String, Object>) raw.get("retry");
        Object when = raw.get("when");
        return new RunbookStep(
                (String) raw.get("id"),
                (String) raw.get("action"),
                (String) raw.get("description"),
                (Map<String, Object>) raw.get("with"),
                duration(raw.get("timeout"), FileProblems.append(path, "timeout"), problems),
                retry == null ? 1 : ((Number) retry.get("attempts")).intValue(),
                retry == null ? null : duration(retry.get("delay"), FileProblems.append(path, "retry", "delay"),
                        problems),
                when == null ? null : String.valueOf(when),
                raw.get("onFailure") == null ? null
                        : OnFailure.valueOf(String.valueOf(raw.get("onFailure")).toUpperCase(Locale.ROOT)),
                Boolean.TRUE.equals(raw.get("confirm")),
                problems.lineOf(path));
    }

    private static Duration duration(Object value, List<Object> path, FileProblems problems) {
        if (value == null) {
            return null;
        }
        try {
            Duration duration = Durations.parse(String.valueOf(value));
            if (path.contains("timeout") && duration.isZero()) {
                problems.add(path, "a step timeout must be longer than 0s");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return null;
        }
    }
}
