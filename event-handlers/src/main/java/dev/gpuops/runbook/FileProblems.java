package dev.gpuops.runbook;

import dev.gpuops.target.ConfigProblem;
import java.util.ArrayList;
import java.util.List;

/** Problems found in one runbook file, each placed on the line of the path it concerns. */
final class FileProblems {

    private final String file;
    private final YamlJson.Converted index;
    private final List<ConfigProblem> problems = new ArrayList<>();

    FileProblems(String file, YamlJson.Converted index) {
        this.file = file;
        this.index = index;
    }

    void add(List<Object> path, String message) {
        problems.add(new ConfigProblem(file, index.lineOf(path), YamlJson.field(path), message));
    }

    int lineOf(List<Object> path) {
        return index.lineOf(path);
    }

    String file() {
        return file;
    }

    int size() {
        return problems.size();
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<ConfigProblem> all() {
        return problems;
    }

    static List<Object> path(Object... elements) {
        return List.of(elements);
    }

    static List<Object> append(List<Object> path, Object... more) {
        List<Object> out = new ArrayList<>(path);
        out.addAll(List.of(more));
        return out;
    }
}
