package dev.gpuops.runbook;

import dev.gpuops.yaml.SchemaFile;
import java.nio.file.Path;

/**
 * The published runbook JSON Schema ({@code runbooks/schema/runbook.schema.json}), the first gate every runbook file
 * passes. The runbooks jar carries it at {@value #CLASSPATH_LOCATION}.
 */
public final class RunbookSchema {

    public static final String CLASSPATH_LOCATION = "gpuops/runbooks/schema/runbook.schema.json";

    private RunbookSchema() {
    }

    /** @throws IllegalStateException when the runbooks jar is not on the classpath */
    public static SchemaFile fromClasspath() {
        return SchemaFile.fromClasspath(CLASSPATH_LOCATION);
    }

    public static SchemaFile from(Path schemaFile) {
        return SchemaFile.from(schemaFile);
    }

    public static boolean onClasspath() {
        return SchemaFile.onClasspath(CLASSPATH_LOCATION);
    }
}
