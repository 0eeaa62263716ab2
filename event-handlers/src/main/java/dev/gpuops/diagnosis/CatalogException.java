package dev.gpuops.diagnosis;

import java.nio.file.Path;

/**
 * A failure-pattern file that cannot be used. The message always names the file, the 1-based line and the field
 * (as a path like {@code patterns[2].match.any[0].regex}) so the author can go straight to the problem.
 */
public final class CatalogException extends RuntimeException {

    private final Path file;
    private final int line;
    private final String field;
    private final String problem;

    public CatalogException(Path file, int line, String field, String problem) {
        this(file, line, field, problem, null);
    }

    public CatalogException(Path file, int line, String field, String problem, Throwable cause) {
        super(format(file, line, field, problem), cause);
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    private static String format(Path file, int line, String field, String problem) {
        String where = (file == null ? "<patterns>" : file.toString()) + (line > 0 ? ":" + line : "");
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
