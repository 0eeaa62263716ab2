package dev.gpuops.yaml;

import java.nio.file.Path;

/**
 * A YAML file that cannot be used: where (file, 1-based line, field as a path like
 * {@code patterns[2].match.any[0].regex}) and what. The message reads {@code file:line: field: problem}, leaving out
 * the line when it is 0 (the whole file) and the field when there is none. Loaders extend it or turn it into their
 * own error.
 */
public class YamlFileException extends RuntimeException {

    private final transient Path file;
    private final int line;
    private final String field;
    private final String problem;

    public YamlFileException(Path file, int line, String field, String problem, Throwable cause) {
        super(format(file, line, field, problem), cause);
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    private static String format(Path file, int line, String field, String problem) {
        String where = (file == null ? "<unnamed>" : file.toString()) + (line > 0 ? ":" + line : "");
        return where + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + problem;
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or 0 when the problem concerns the whole file or directory. */
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
