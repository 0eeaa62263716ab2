package dev.gpuops.runbook;

import dev.gpuops.target.ConfigException;
import dev.gpuops.target.ConfigProblem;
import dev.gpuops.target.YamlNodes;
import dev.gpuops.yaml.SchemaFile;
import dev.gpuops.yaml.YamlFileException;
import dev.gpuops.yaml.YamlTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads every top-level {@code *.yaml}/{@code *.yml} file of a runbooks directory (subdirectories hold other data)
 * through three gates: YAML syntax, the JSON Schema, then cross-checks against the registered actions and the
 * {@link dev.gpuops.target.Target} model. All problems of the directory are reported together, each with file,
 * line and field.
 */
public final class RunbookLoader {

    private record Loaded(Runbook runbook, int nameLine) {
    }

    private final SchemaFile schema;
    private final RunbookChecks checks;

    public RunbookLoader(ActionRegistry registry, SchemaFile schema) {
        this.schema = schema;
        this.checks = new RunbookChecks(registry);
    }

    /** @throws ConfigException listing every problem in every file */
    public List<Runbook> load(Path directory) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Loaded> loaded = new ArrayList<>();
        for (Path file : files(directory)) {
            try {
                loadFile(file, problems).ifPresent(loaded::add);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        checkUniqueNames(loaded, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return loaded.stream().map(Loaded::runbook).toList();
    }

    /** Loads one file on its own (a single runbook for a test or a lint). */
    public Runbook loadFile(Path file) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<Loaded> loaded = loadFile(file, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return loaded.orElseThrow().runbook();
    }

    @SuppressWarnings("unchecked")
    private Optional<Loaded> loadFile(Path file, List<ConfigProblem> problems) {
        String name = file.getFileName().toString();
        Node root = YamlNodes.parse(file).orElse(null);
        if (root == null) {
            problems.add(new ConfigProblem(name, 0, "", "the file is empty; expected a runbook "
                    + "(apiVersion: gpuops/v1, kind: Runbook, metadata, steps)"));
            return Optional.empty();
        }
        YamlTree tree;
        try {
            tree = YamlTree.of(file, root);
        } catch (YamlFileException e) {
            problems.add(new ConfigProblem(name, e.line(), e.field(), e.problem()));
            return Optional.empty();
        }
        FileProblems found = new FileProblems(name, tree);
        schema.validate(tree).forEach(v -> found.add(v.field(), v.message()));
        Runbook runbook = null;
        if (found.isEmpty()) {
            runbook = RunbookReader.read((Map<String, Object>) YamlNodes.toPlain(root), found);
            checks.check(runbook, found);
        }
        problems.addAll(found.all());
        return found.isEmpty()
                ? Optional.of(new Loaded(runbook, found.lineOf(FileProblems.path("metadata", "name"))))
                : Optional.empty();
    }

    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ConfigException(new ConfigProblem(directory.toString(), 0, "",
                    "the runbooks directory does not exist or is not a directory"));
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(directory.toString(), 0, "", "cannot list: " + e));
        }
    }

    private static void checkUniqueNames(List<Loaded> loaded, List<ConfigProblem> problems) {
        Map<String, Runbook> byName = new HashMap<>();
        for (Loaded each : loaded) {
            Runbook runbook = each.runbook();
            Runbook previous = byName.putIfAbsent(runbook.name(), runbook);
            if (previous != null) {
                problems.add(new ConfigProblem(runbook.file(), each.nameLine(), "metadata.name", "runbook name `"
                        + runbook.name() + "` is also used by " + previous.file() + "; names must be unique"));
            }
        }
    }
}
