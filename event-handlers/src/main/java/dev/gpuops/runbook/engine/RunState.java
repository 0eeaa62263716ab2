package dev.gpuops.runbook.engine;

import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.Reference;
import dev.gpuops.runbook.TargetPaths;
import dev.gpuops.runbook.Template;
import dev.gpuops.runbook.action.Evidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What one run has produced so far: step outputs for {@code ${steps…}}, evidence for diagnosis. */
final class RunState {

    private final RunRequest request;
    private final Map<String, String> inputs;
    private final RunControl control;
    private final Map<String, Map<String, String>> outputs = new ConcurrentHashMap<>();
    private final List<Evidence> evidence = new CopyOnWriteArrayList<>();
    private final List<String> continuedFailures = new ArrayList<>();
    private final Map<String, String> continuedErrors = new LinkedHashMap<>();
    private int skipped;
    private volatile boolean interrupted;
    private volatile PendingApproval resumedApproval;

    RunState(RunRequest request, Map<String, String> inputs, RunControl control) {
        this.request = request;
        this.inputs = Map.copyOf(inputs);
        this.control = control;
    }

    RunRequest request() {
        return request;
    }

    Map<String, String> inputs() {
        return inputs;
    }

    RunControl control() {
        return control;
    }

    void recordOutputs(String stepId, Map<String, String> values) {
        outputs.put(stepId, Map.copyOf(values));
    }

    Map<String, Map<String, String>> outputs() {
        return Map.copyOf(outputs);
    }

    void evidence(Evidence.Kind kind, String source, String text) {
        evidence.add(new Evidence(kind, source, Redactor.redact(text)));
    }

    List<Evidence> evidence() {
        return List.copyOf(evidence);
    }

    /** The engine's own thread was interrupted (shutdown); restored once the run's last event is out. */
    void interrupted() {
        interrupted = true;
    }

    boolean wasInterrupted() {
        return interrupted;
    }

    /** The approval this run was already waiting for at {@code stepId} before a restart, if any. */
    java.util.Optional<PendingApproval> resumedApproval(String stepId) {
        PendingApproval wait = resumedApproval;
        return wait != null && wait.stepId().equals(stepId) ? java.util.Optional.of(wait)
                : java.util.Optional.empty();
    }

    void resumedApproval(PendingApproval wait) {
        resumedApproval = wait;
    }

    void skipped() {
        skipped++;
    }

    int skippedCount() {
        return skipped;
    }

    void continuedAfterFailure(String stepId, String error) {
        continuedFailures.add(stepId);
        continuedErrors.put(stepId, error == null ? "" : error);
    }

    /** What each step that failed but let the run go on (onFailure: continue) reported, by step id, in order. */
    Map<String, String> continuedErrors() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(continuedErrors));
    }

    /** Outputs in the order the steps succeeded, for the leftovers report. */
    List<String> outputValues(String key) {
        List<String> values = new ArrayList<>();
        request.runbook().steps().forEach(step -> {
            String value = outputs.getOrDefault(step.id(), Map.of()).get(key);
            if (value != null && !value.isBlank()) {
                values.add(value);
            }
        });
        return values;
    }

    List<String> continuedFailures() {
        return List.copyOf(continuedFailures);
    }

    /** Resolves every {@code ${…}} in a step's {@code with:} values (maps and lists recursively). */
    Object render(Object value) {
        return switch (value) {
            case String text -> Template.parse(text).render(this::lookup);
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), render(v)));
                yield out;
            }
            case List<?> list -> list.stream().map(this::render).toList();
            case null, default -> value;
        };
    }

    Object lookup(Reference reference) {
        return switch (reference.root()) {
            case Reference.INPUTS -> inputs.get(reference.path().getFirst());
            case Reference.TARGET -> TargetPaths.resolve(request.target(), reference.path());
            default -> outputs.getOrDefault(reference.path().get(0), Map.of()).get(reference.path().get(1));
        };
    }
}
