package dev.gpuops.runbook.engine;

import dev.gpuops.runbook.ActionRegistry;
import dev.gpuops.runbook.RunbookInput;
import dev.gpuops.runbook.RunbookStep;
import dev.gpuops.runbook.action.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a run may start at all: required inputs given. Destructive steps are judged one by one when reached (a
 * production target waits for approval then), not by refusing the whole runbook.
 */
final class RunAdmission {

    private RunAdmission() {
    }

    static Optional<String> rejection(RunRequest request, ActionRegistry registry) {
        for (RunbookInput input : request.runbook().inputs().values()) {
            if (input.required() && value(request, input) == null) {
                return Optional.of("missing input `" + input.name() + "`"
                        + (input.description().isBlank() ? "" : " (" + input.description() + ")")
                        + "; give it with the command and run it again");
            }
        }
        return Optional.empty();
    }

    /** Declared inputs only: the given value, else the default; undeclared arguments are dropped. */
    static Map<String, String> inputs(RunRequest request) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (RunbookInput input : request.runbook().inputs().values()) {
            String value = value(request, input);
            inputs.put(input.name(), value == null ? "" : value);
        }
        return inputs;
    }

    private static String value(RunRequest request, RunbookInput input) {
        String given = request.inputs().get(input.name());
        if (given != null && !given.isBlank()) {
            return given;
        }
        return input.defaultValue() == null || input.defaultValue().isBlank() ? null : input.defaultValue();
    }

}
