package dev.gpuops.runbook;

import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a schema cannot express: unique step ids, registered actions, parameters that fit the action, and
 * {@code ${…}} references that point at a declared input, a real target field or an earlier step.
 */
final class RunbookChecks {

    private final ActionRegistry registry;

    RunbookChecks(ActionRegistry registry) {
        this.registry = registry;
    }

    void check(Runbook runbook, FileProblems problems) {
        Set<String> earlier = new HashSet<>();
        for (int i = 0; i < runbook.steps().size(); i++) {
            RunbookStep step = runbook.steps().get(i);
            List<Object> path = FileProblems.path("steps", i);
            if (earlier.contains(step.id())) {
                problems.add(FileProblems.append(path, "id"), "duplicate step id `" + step.id()
                        + "`; step ids must be unique within a runbook");
            }
            checkAction(step, path, problems);
            checkValue(step.with(), FileProblems.append(path, "with"), runbook, earlier, problems);
            if (step.when() != null) {
                checkText(step.when(), FileProblems.append(path, "when"), runbook, earlier, problems);
            }
            earlier.add(step.id());
        }
    }

    private void checkAction(RunbookStep step, List<Object> path, FileProblems problems) {
        Action<?> action = registry.find(step.action()).orElse(null);
        if (action == null) {
            problems.add(FileProblems.append(path, "action"), "no action `" + step.action()
                    + "` is registered; known actions: " + String.join(", ", registry.keys()));
            return;
        }
        Class<? extends Record> params = action.paramsType();
        List<Object> withPath = FileProblems.append(path, "with");
        int before = problems.size();
        boolean literalOnly = true;
        for (Map.Entry<String, Object> entry : step.with().entrySet()) {
            List<Object> paramPath = FileProblems.append(withPath, entry.getKey());
            if (!ParamBinder.names(params).contains(entry.getKey())) {
                problems.add(paramPath, ParamBinder.unknown(action.key(), params, entry.getKey()).getMessage());
            } else if (hasExpression(entry.getValue())) {
                literalOnly = false;
            } else {
                try {
                    registry.binder().checkValue(action.key(), params, entry.getKey(), entry.getValue());
                } catch (ParamBindingException e) {
                    problems.add(paramPath, e.getMessage());
                }
            }
        }
        checkRequired(action, step, withPath, problems);
        if (literalOnly && problems.size() == before) {
            bindLiterals(action, step, withPath, problems);
        }
    }

    private static void checkRequired(Action<?> action, RunbookStep step, List<Object> withPath,
                                      FileProblems problems) {
        for (RecordComponent component : ParamBinder.components(action.paramsType())) {
            Param doc = component.getAnnotation(Param.class);
            if (doc != null && doc.required() && !step.with().containsKey(component.getName())) {
                problems.add(withPath, "missing required parameter `" + component.getName() + "` for "
                        + action.key() + " (" + doc.value() + ")");
            }
        }
    }

    /** Without expressions the step binds the same at run time, so its record's own validation can run now. */
    private void bindLiterals(Action<?> action, RunbookStep step, List<Object> withPath, FileProblems problems) {
        try {
            registry.binder().bind(action.key(), action.paramsType(), step.with());
        } catch (ParamBindingException e) {
            problems.add(e.field().isEmpty() ? withPath : FileProblems.append(withPath, e.field()), e.getMessage());
        }
    }

    private void checkValue(Object value, List<Object> path, Runbook runbook, Set<String> earlier,
                            FileProblems problems) {
        switch (value) {
            case Map<?, ?> map -> map.forEach((k, v) ->
                    checkValue(v, FileProblems.append(path, String.valueOf(k)), runbook, earlier, problems));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    checkValue(list.get(i), FileProblems.append(path, i), runbook, earlier, problems);
                }
            }
            case String text -> checkText(text, path, runbook, earlier, problems);
            case null, default -> {
            }
        }
    }

    private static void checkText(String text, List<Object> path, Runbook runbook, Set<String> earlier,
                                  FileProblems problems) {
        Template template;
        try {
            template = Template.parse(text);
        } catch (ExpressionException e) {
            problems.add(path, e.getMessage());
            return;
        }
        for (Reference reference : template.references()) {
            String problem = referenceProblem(reference, runbook, earlier);
            if (problem != null) {
                problems.add(path, problem);
            }
        }
    }

    private static String referenceProblem(Reference reference, Runbook runbook, Set<String> earlier) {
        return switch (reference.root()) {
            case Reference.INPUTS -> runbook.inputs().containsKey(reference.path().getFirst()) ? null
                    : reference + " is not a declared input; declare it under inputs: (declared: "
                    + (runbook.inputs().isEmpty() ? "none" : String.join(", ", runbook.inputs().keySet())) + ")";
            case Reference.TARGET -> TargetPaths.problem(reference.path()).map(p -> reference + ": " + p)
                    .orElse(null);
            default -> stepProblem(reference, runbook, earlier);
        };
    }

    private static String stepProblem(Reference reference, Runbook runbook, Set<String> earlier) {
        String id = reference.path().getFirst();
        if (earlier.contains(id)) {
            return null;
        }
        return runbook.step(id).isPresent()
                ? reference + " refers to step `" + id + "`, which runs later; a step can only use outputs of "
                + "steps before it"
                : reference + " refers to no step; there is no step with id `" + id + "`";
    }

    private static boolean hasExpression(Object value) {
        return switch (value) {
            case String text -> Template.containsExpression(text);
            case Map<?, ?> map -> map.values().stream().anyMatch(RunbookChecks::hasExpression);
            case List<?> list -> list.stream().anyMatch(RunbookChecks::hasExpression);
            case null, default -> false;
        };
    }
}
