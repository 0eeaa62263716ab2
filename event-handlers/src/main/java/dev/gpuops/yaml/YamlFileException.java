package dev.gpuops.yaml;

import java.nio.file.Path;

/** A YAML file that cannot be read as a tree: where (line, field) and what; callers turn it into their own error. */
public final class YamlFileException extends RuntimeException {

    private final transient Path file;
    private final int line;
    private final String field;
    private final String problem;

    public YamlFileException(Path file, int line, String field, String problem, Throwable cause) {
        super(file + ":" + line + (field.isEmpty() ? "" : ": " + field) + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
