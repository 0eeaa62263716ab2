package dev.gpuops.diagnosis;

import dev.gpuops.yaml.SchemaFile;
import dev.gpuops.yaml.YamlFileException;
import dev.gpuops.yaml.YamlTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The failure-pattern catalog: every {@code *.yaml} file of a directory, validated against the published schema and
 * cross-checked. Loading fails on the first bad file with file, line and field, so a broken catalog stops startup
 * and CI instead of silently diagnosing less.
 */
public final class PatternCatalog {

    /** System property naming the patterns directory (the CLI also takes {@code --patterns}). */
    public static final String DIR_PROPERTY = "gpuops.patterns.dir";
    /** System property naming the {@link CatalogStamp} file of short-lived commands (the launcher sets it). */
    public static final String STAMP_PROPERTY = "gpuops.patterns.stamp";
    public static final Path DEFAULT_DIR = Path.of("runbooks", "patterns");

    private final List<FailurePattern> patterns;
    private final Map<String, FailurePattern> byId;

    private PatternCatalog(List<FailurePattern> patterns) {
        this.patterns = List.copyOf(patterns);
        Map<String, FailurePattern> index = new LinkedHashMap<>();
        patterns.forEach(p -> index.put(p.id(), p));
        this.byId = Map.copyOf(index);
    }

    public static PatternCatalog load(Path dir) {
        return load(dir, null);
    }

    /**
     * Like {@link #load(Path)}, skipping the schema check when {@code stamp} (a file, may be null) records that
     * exactly these files passed it before; records it after a full check passes. For short-lived commands.
     */
    public static PatternCatalog load(Path dir, Path stamp) {
        if (!Files.isDirectory(dir)) {
            throw new CatalogException(dir, 0, "", "pattern directory not found; pass --patterns DIR or set -D"
                    + DIR_PROPERTY + "=DIR");
        }
        List<Path> files = files(dir);
        if (files.isEmpty()) {
            throw new CatalogException(dir, 0, "", "no *.yaml pattern files in this directory");
        }
        byte[] schemaBytes = stamp == null ? null : PatternSchema.bytes(dir);
        String digest = schemaBytes == null ? null : CatalogStamp.digest(schemaBytes, files);
        boolean validated = CatalogStamp.validated(stamp, digest);
        SchemaFile schema = validated ? null : PatternSchema.locate(dir);
        List<FailurePattern> all = new ArrayList<>();
        Map<String, FailurePattern> seen = new LinkedHashMap<>();
        for (Path file : files) {
            YamlTree tree = read(file);
            if (schema != null) {
                PatternSchema.check(schema, tree);
            }
            List<FailurePattern> inFile = new PatternReader(tree).patterns();
            for (int i = 0; i < inFile.size(); i++) {
                FailurePattern pattern = inFile.get(i);
                FailurePattern earlier = seen.putIfAbsent(pattern.id(), pattern);
                if (earlier != null) {
                    throw new CatalogException(file, pattern.line(), "patterns[" + i + "].id", "duplicate pattern id '"
                            + pattern.id() + "', first defined at " + earlier.file() + ":" + earlier.line());
                }
                all.add(pattern);
            }
        }
        SupersedesCheck.verify(all);
        if (digest != null && !validated) {
            CatalogStamp.record(stamp, digest);
        }
        return new PatternCatalog(all);
    }

    private static YamlTree read(Path file) {
        try {
            return YamlTree.read(file);
        } catch (YamlFileException e) {
            String hint = e.problem().startsWith("the file is empty") ? "; write apiVersion, kind and patterns" : "";
            throw new CatalogException(file, e.line(), e.field(), e.problem() + hint, e);
        }
    }

    /** The directory from {@code -Dgpuops.patterns.dir}, else {@code runbooks/patterns} under the working dir. */
    public static Path defaultDir() {
        String configured = System.getProperty(DIR_PROPERTY);
        return configured == null || configured.isBlank() ? DEFAULT_DIR : Path.of(configured);
    }

    /** The stamp file from {@code -Dgpuops.patterns.stamp}, or null (always validate) when it is not set. */
    public static Path stampFile() {
        String configured = System.getProperty(STAMP_PROPERTY);
        return configured == null || configured.isBlank() ? null : Path.of(configured);
    }

    public static PatternCatalog of(List<FailurePattern> patterns) {
        return new PatternCatalog(patterns);
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new CatalogException(dir, 0, "", "cannot list pattern files: " + e.getMessage(), e);
        }
    }

    /** In catalog order: files by name, patterns as written. */
    public List<FailurePattern> patterns() {
        return patterns;
    }

    public Optional<FailurePattern> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return patterns.size();
    }
}
