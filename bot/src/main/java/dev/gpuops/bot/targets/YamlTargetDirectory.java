package dev.gpuops.bot.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the {@code targets:} map of the targets file, keeping only what ingress needs. Everything else in the file
 * belongs to the runbook engine and is ignored here.
 */
public final class YamlTargetDirectory implements TargetDirectory {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final Map<String, TargetInfo> targets;

    private YamlTargetDirectory(Map<String, TargetInfo> targets) {
        this.targets = Map.copyOf(targets);
    }

    /** @throws IllegalStateException naming the file and the problem when it cannot be used */
    public static YamlTargetDirectory load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Targets file " + file.toAbsolutePath()
                    + " does not exist: set GPUOPS_TARGETS_FILE to your targets YAML");
        }
        try {
            JsonNode root = YAMLMapper.shared().readTree(Files.readAllBytes(file));
            return new YamlTargetDirectory(parse(root, file));
        } catch (IOException | JacksonException e) {
            throw new IllegalStateException("Targets file " + file + " is not readable YAML: " + e.getMessage(), e);
        }
    }

    private static Map<String, TargetInfo> parse(JsonNode root, Path file) {
        JsonNode map = root == null ? null : root.get("targets");
        if (map == null || !map.isObject()) {
            throw new IllegalStateException("Targets file " + file + " has no 'targets:' map");
        }
        Map<String, TargetInfo> targets = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            String name = entry.getKey();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("Targets file " + file + ": target name '" + name
                        + "' must match " + NAME.pattern());
            }
            targets.put(name, target(name, entry.getValue()));
        }
        return targets;
    }

    private static TargetInfo target(String name, JsonNode body) {
        List<String> programs = new ArrayList<>();
        body.path("supervisor").path("programs").values().forEach(p -> programs.add(text(p)));
        JsonNode github = body.get("github");
        TargetInfo.GithubWatch watch = github == null || !github.isObject() ? null : new TargetInfo.GithubWatch(
                text(github.path("repo")), text(github.path("workflow")), text(github.path("branch")),
                Optional.ofNullable(text(github.path("tag"))).orElse("canary"));
        return new TargetInfo(name, text(body.path("provider")), text(body.path("channel")), programs,
                text(body.path("image")), watch);
    }

    private static String text(JsonNode node) {
        return node.isString() || node.isNumber() || node.isBoolean() ? node.asString() : null;
    }

    @Override
    public Optional<TargetInfo> find(String name) {
        return Optional.ofNullable(name).map(targets::get);
    }

    @Override
    public List<TargetInfo> all() {
        return targets.values().stream().sorted(Comparator.comparing(TargetInfo::name)).toList();
    }
}
