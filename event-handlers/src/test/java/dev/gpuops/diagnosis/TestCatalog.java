package dev.gpuops.diagnosis;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped catalog, loaded once for all diagnosis tests (tests run from the event-handlers module dir). */
public final class TestCatalog {

    private static PatternCatalog catalog;

    private TestCatalog() {
    }

    public static Path shippedDir() {
        for (Path candidate : new Path[] {Path.of("runbooks", "patterns"), Path.of("..", "runbooks", "patterns")}) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("runbooks/patterns not found from " + Path.of("").toAbsolutePath());
    }

    public static synchronized PatternCatalog shipped() {
        if (catalog == null) {
            catalog = PatternCatalog.load(shippedDir());
        }
        return catalog;
    }

    public static Path resources() {
        return Path.of("src", "test", "resources", "diagnosis");
    }
}
