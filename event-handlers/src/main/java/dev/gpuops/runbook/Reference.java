package dev.gpuops.runbook;

import java.util.List;

/**
 * One {@code ${root.a.b}} reference. Roots: {@code inputs.<name>}, {@code target.<field>…},
 * {@code steps.<id>.<output>}.
 */
public record Reference(String root, List<String> path) {

    public static final String INPUTS = "inputs";
    public static final String TARGET = "target";
    public static final String STEPS = "steps";

    public Reference {
        path = List.copyOf(path);
    }

    /** As written, without the braces: {@code inputs.program}. */
    public String text() {
        return path.isEmpty() ? root : root + "." + String.join(".", path);
    }

    @Override
    public String toString() {
        return "${" + text() + "}";
    }
}
