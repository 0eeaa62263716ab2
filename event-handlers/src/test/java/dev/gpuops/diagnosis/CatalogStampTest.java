package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stamp that lets {@code gpuops diagnose} skip the JSON-schema check of a catalog that passed it byte for byte:
 * it is written after a full check, trusted only for exactly those bytes, and an edited file gets the full check with
 * file, line and field again.
 */
class CatalogStampTest {

    private static final String VALID = """
            apiVersion: gpuops/v1
            kind: FailurePatterns
            patterns:
              - id: cuda-oom
                title: CUDA out of memory
                where: [container-logs]
                match:
                  any:
                    - regex: 'CUDA out of memory'
                      weight: 0.9
                meaning: The model needs more GPU memory than is free.
                fix: Lower the batch size or use a bigger GPU.
            """;
    /** valid for the reader, which ignores {@code note}; the schema (additionalProperties: false) rejects it */
    private static final String SCHEMA_ONLY_PROBLEM = VALID.replace("          weight: 0.9\n",
            "          weight: 0.9\n          note: left over\n");

    @TempDir
    Path dir;

    @Test
    void aFullCheckThatPassesRecordsTheStamp() throws IOException {
        Path patterns = write(VALID);
        Path stamp = dir.resolve("state").resolve("patterns.validated");

        assertThat(PatternCatalog.load(patterns, stamp).size()).isEqualTo(1);

        assertThat(stamp).exists();
        assertThat(Files.readString(stamp).strip())
                .isEqualTo(CatalogStamp.digest(PatternSchema.bytes(patterns), files(patterns)));
    }

    @Test
    void aFileEditedAfterItWasStampedGetsTheFullCheckWithFileLineAndField() throws IOException {
        Path patterns = write(VALID);
        Path stamp = dir.resolve("patterns.validated");
        PatternCatalog.load(patterns, stamp);

        Files.writeString(patterns.resolve("gpu.yaml"), SCHEMA_ONLY_PROBLEM);
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> PatternCatalog.load(patterns, stamp));

        assertThat(e).isNotNull();
        assertThat(e.file().getFileName()).hasToString("gpu.yaml");
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.field()).isEqualTo("patterns[0].match.any[0].note");
    }

    @Test
    void theSchemaCheckIsSkippedOnlyForTheExactBytesTheStampRecords() throws IOException {
        Path patterns = write(SCHEMA_ONLY_PROBLEM);
        Path stamp = dir.resolve("patterns.validated");
        assertThat(catchThrowableOfType(CatalogException.class, () -> PatternCatalog.load(patterns, stamp)))
                .as("no stamp: the schema check runs").isNotNull();
        assertThat(stamp).doesNotExist();

        // a stamp for these very bytes (as if they had passed before): the schema check is skipped, the reader runs
        Files.writeString(stamp, CatalogStamp.digest(PatternSchema.bytes(patterns), files(patterns)) + "\n");
        assertThat(PatternCatalog.load(patterns, stamp).size()).isEqualTo(1);

        Files.writeString(stamp, "0".repeat(64) + "\n");
        assertThat(catchThrowableOfType(CatalogException.class, () -> PatternCatalog.load(patterns, stamp)))
                .as("a stamp of other bytes is not trusted").isNotNull();
    }

    @Test
    void withoutAStampFileEveryLoadChecksTheSchema() throws IOException {
        Path patterns = write(SCHEMA_ONLY_PROBLEM);

        assertThat(catchThrowableOfType(CatalogException.class, () -> PatternCatalog.load(patterns, null)))
                .isNotNull();
    }

    private Path write(String yaml) throws IOException {
        Path patterns = Files.createDirectories(dir.resolve("patterns"));
        Files.writeString(patterns.resolve("gpu.yaml"), yaml);
        return patterns;
    }

    private static List<Path> files(Path patterns) throws IOException {
        try (var list = Files.list(patterns)) {
            return list.sorted().toList();
        }
    }
}
