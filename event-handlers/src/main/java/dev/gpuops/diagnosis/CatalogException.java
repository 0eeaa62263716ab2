package dev.gpuops.diagnosis;

import dev.gpuops.yaml.YamlFileException;
import java.nio.file.Path;

/**
 * A failure-pattern file that cannot be used. The message always names the file, the 1-based line and the field
 * (as a path like {@code patterns[2].match.any[0].regex}) so the author can go straight to the problem.
 */
public final class CatalogException extends YamlFileException {

    public CatalogException(Path file, int line, String field, String problem) {
        this(file, line, field, problem, null);
    }

    public CatalogException(Path file, int line, String field, String problem, Throwable cause) {
        super(file, line, field, problem, cause);
    }
}
