package dev.gpuops.diagnosis;

import dev.gpuops.yaml.SchemaFile;
import dev.gpuops.yaml.YamlTree;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the pattern files' JSON Schema ({@code runbooks/schema/pattern.schema.json}) is found, and how its
 * violations read. It is found next to the patterns directory ({@code ../schema/}), else at the path in system
 * property {@code gpuops.patterns.schema}, else on the classpath (the runbooks jar packs it under
 * {@code gpuops/runbooks/schema/}).
 */
final class PatternSchema {

    static final String FILE_NAME = "pattern.schema.json";
    private static final String RESOURCE = "gpuops/runbooks/schema/" + FILE_NAME;

    private PatternSchema() {
    }

    static SchemaFile locate(Path patternsDir) {
        Path parent = patternsDir.toAbsolutePath().normalize().getParent();
        Path sibling = parent == null ? null : parent.resolve("schema").resolve(FILE_NAME);
        String override = System.getProperty("gpuops.patterns.schema");
        try {
            if (override != null && !override.isBlank()) {
                return SchemaFile.from(Path.of(override));
            }
            if (sibling != null && Files.isRegularFile(sibling)) {
                return SchemaFile.from(sibling);
            }
            if (SchemaFile.onClasspath(RESOURCE)) {
                return SchemaFile.fromClasspath(RESOURCE);
            }
        } catch (UncheckedIOException e) {
            throw new CatalogException(sibling, 0, "", e.getMessage(), e);
        }
        throw new CatalogException(patternsDir, 0, "", "pattern schema not found: looked for " + sibling
                + " and classpath " + RESOURCE + "; set -Dgpuops.patterns.schema=PATH");
    }

    /**
     * The bytes of the schema {@link #locate} would use, for {@link CatalogStamp}; null when there is none (then
     * {@link #locate} reports that).
     */
    static byte[] bytes(Path patternsDir) {
        Path parent = patternsDir.toAbsolutePath().normalize().getParent();
        Path sibling = parent == null ? null : parent.resolve("schema").resolve(FILE_NAME);
        String override = System.getProperty("gpuops.patterns.schema");
        try {
            if (override != null && !override.isBlank()) {
                return Files.readAllBytes(Path.of(override));
            }
            if (sibling != null && Files.isRegularFile(sibling)) {
                return Files.readAllBytes(sibling);
            }
            try (InputStream in = PatternSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                return in == null ? null : in.readAllBytes();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Fails with the first problem, naming its line and field. */
    static void check(SchemaFile schema, YamlTree tree) {
        List<SchemaFile.Violation> violations = schema.validate(tree);
        if (violations.isEmpty()) {
            return;
        }
        SchemaFile.Violation first = violations.getFirst();
        String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more schema problem"
                + (violations.size() > 2 ? "s" : "") + ")" : "";
        throw new CatalogException(tree.file(), first.line(), first.field(), explain(first) + more);
    }

    /** The two combinators of the pattern schema, worded as what to write. */
    private static String explain(SchemaFile.Violation violation) {
        if (violation.schemaLocation().contains("/rule/oneOf")) {
            return "a rule needs exactly one of `regex` (optionally with literal/unless) or `field` with a test"
                    + " (equals, notEquals, gt, gte, lt, lte, matches, exists, empty)";
        }
        if (violation.schemaLocation().contains("/match/anyOf")) {
            return "match needs an `any` or an `all` list";
        }
        return violation.message();
    }
}
