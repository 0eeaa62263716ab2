package dev.gpuops.monitor.probe;

import dev.gpuops.target.ConfigException;
import dev.gpuops.target.ConfigProblem;
import dev.gpuops.target.Target;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The check definitions of every provider, loaded from {@code runbooks/checks/*.yaml}, and which of them apply to a
 * target ({@code monitor.checks} picks a subset). A bad file or a target naming an unknown check stops startup.
 */
public final class CheckCatalog {

    private static final Set<String> FILE_KEYS = Set.of("apiVersion", "kind", "provider", "checks");
    private static final Set<String> CHECK_KEYS = Set.of("id", "probe", "description", "with");

    private final Map<String, List<CheckDefinition>> byProvider;

    public CheckCatalog(Map<String, List<CheckDefinition>> byProvider) {
        this.byProvider = Map.copyOf(byProvider);
    }

    public static CheckCatalog load(Path dir, Set<String> probeKeys) {
        Map<String, List<CheckDefinition>> byProvider = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    read(file, probeKeys, byProvider, problems);
                }
            } catch (IOException e) {
                problems.add(new ConfigProblem(dir.toString(), 0, "", "cannot list check files: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new CheckCatalog(byProvider);
    }

    private static void read(Path file, Set<String> probeKeys, Map<String, List<CheckDefinition>> byProvider,
                             List<ConfigProblem> problems) {
        String name = file.getFileName().toString();
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | RuntimeException e) {
            problems.add(new ConfigProblem(name, 0, "", "not valid YAML: " + e.getMessage()));
            return;
        }
        if (!(root instanceof Map<?, ?> map) || !"Checks".equals(map.get("kind"))) {
            problems.add(new ConfigProblem(name, 0, "kind", "expected a file with kind: Checks"));
            return;
        }
        unknownKeys(name, "", map, FILE_KEYS, problems);
        String provider = String.valueOf(map.get("provider"));
        List<CheckDefinition> checks = new ArrayList<>();
        if (map.get("checks") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                CheckDefinition check = check(name, "checks[" + i + "]", list.get(i), probeKeys, problems);
                if (check != null) {
                    checks.add(check);
                }
            }
        } else {
            problems.add(new ConfigProblem(name, 0, "checks", "expected a list of checks"));
        }
        // several files may declare checks for one provider: a user's own file adds to the shipped one
        byProvider.merge(provider, List.copyOf(checks), (a, b) -> java.util.stream.Stream.concat(a.stream(),
                b.stream()).toList());
    }

    private static CheckDefinition check(String file, String field, Object node, Set<String> probeKeys,
                                         List<ConfigProblem> problems) {
        if (!(node instanceof Map<?, ?> map)) {
            problems.add(new ConfigProblem(file, 0, field, "expected a mapping with id and probe"));
            return null;
        }
        unknownKeys(file, field + ".", map, CHECK_KEYS, problems);
        Object id = map.get("id");
        Object probe = map.get("probe");
        if (id == null || probe == null) {
            problems.add(new ConfigProblem(file, 0, field, "id and probe are required"));
            return null;
        }
        if (!probeKeys.contains(probe.toString())) {
            problems.add(new ConfigProblem(file, 0, field + ".probe", "unknown probe '" + probe
                    + "'; expected one of " + String.join(", ", probeKeys.stream().sorted().toList())));
            return null;
        }
        Map<String, String> with = new LinkedHashMap<>();
        if (map.get("with") instanceof Map<?, ?> params) {
            params.forEach((k, v) -> with.put(String.valueOf(k), String.valueOf(v)));
        }
        return new CheckDefinition(id.toString(), probe.toString(),
                map.get("description") == null ? null : map.get("description").toString(), with);
    }

    private static void unknownKeys(String file, String prefix, Map<?, ?> map, Set<String> known,
                                    List<ConfigProblem> problems) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problems.add(new ConfigProblem(file, 0, prefix + key, "unknown key; expected one of "
                        + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    /** The checks that apply to this target: its provider's, or the subset named in {@code monitor.checks}. */
    public List<CheckDefinition> checksFor(Target target) {
        List<CheckDefinition> all = byProvider.getOrDefault(target.provider(), List.of());
        List<String> chosen = target.monitor() == null ? null : target.monitor().checks();
        if (chosen == null) {
            return all;
        }
        return all.stream().filter(c -> chosen.contains(c.id())).toList();
    }

    /** Problems of targets naming checks their provider does not declare, to report at startup. */
    public List<String> unknownChecks(Target target) {
        List<String> chosen = target.monitor() == null || target.monitor().checks() == null ? List.of()
                : target.monitor().checks();
        List<String> ids = byProvider.getOrDefault(target.provider(), List.of()).stream()
                .map(CheckDefinition::id).toList();
        return chosen.stream().filter(c -> !ids.contains(c)).map(c -> "targets." + target.name()
                + ".monitor.checks: unknown check '" + c + "'; " + target.provider() + " declares " + ids).toList();
    }
}
