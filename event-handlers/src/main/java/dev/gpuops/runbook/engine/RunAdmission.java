package dev.gpuops.runbook.engine;

import dev.gpuops.runbook.ActionRegistry;
import dev.gpuops.runbook.RunbookInput;
import dev.gpuops.runbook.RunbookStep;
import dev.gpuops.runbook.action.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Whether a run may start at all: required inputs given, and no destructive step aimed at production. */
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
        if (request.target().production()) {
            List<String> destructive = request.runbook().steps().stream()
                    .filter(step -> registry.find(step.action()).map(Action::destructive).orElse(false))
                    .map(RunAdmission::describe)
                    .toList();
            if (!destructive.isEmpty()) {
                return Optional.of("refused: " + request.description() + " would run destructive step"
                        + (destructive.size() > 1 ? "s " : " ") + String.join(", ", destructive) + " on production "
                        + "target " + request.target().name() + ". Confirmation buttons come in a later release; "
                        + "until then gpuops will not do this on production, so run it by hand");
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

    private static String describe(RunbookStep step) {
        return "`" + step.id() + "` (" + step.action() + ")";
    }
}
