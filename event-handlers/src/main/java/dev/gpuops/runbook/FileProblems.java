package dev.gpuops.runbook;

import dev.gpuops.target.ConfigProblem;
import dev.gpuops.yaml.YamlTree;
import java.util.ArrayList;
import java.util.List;

/** Problems found in one runbook file, each placed on the line of the path it concerns. */
final class FileProblems {

    private final String file;
    private final YamlTree tree;
    private final List<ConfigProblem> problems = new ArrayList<>();

    FileProblems(String file, YamlTree tree) {
        this.file = file;
        this.tree = tree;
    }

    void add(List<Object> path, String message) {
        add(YamlTree.field(path), message);
    }

    void add(String field, String message) {
        problems.add(new ConfigProblem(file, tree.lineOf(field), field, message));
    }

    int lineOf(List<Object> path) {
        return tree.lineOf(YamlTree.field(path));
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
