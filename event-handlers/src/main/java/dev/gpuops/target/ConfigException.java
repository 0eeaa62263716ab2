package dev.gpuops.target;

import java.util.List;

/**
 * A targets or runbook file is wrong. Carries every problem found, not just the first, so one restart shows the
 * operator the whole list; each names file, line and field.
 */
public class ConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        if (problems.size() == 1) {
            return problems.getFirst().toString();
        }
        StringBuilder text = new StringBuilder(problems.size() + " configuration problems:");
        problems.forEach(p -> text.append("\n  ").append(p));
        return text.toString();
    }
}
