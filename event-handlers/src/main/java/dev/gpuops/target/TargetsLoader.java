package dev.gpuops.target;

import dev.gpuops.yaml.SchemaFile;
import dev.gpuops.yaml.YamlFileException;
import dev.gpuops.yaml.YamlTree;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the targets file:
 * <pre>
 * targets:
 *   box-1:
 *     provider: ssh
 *     ssh: { host: 10.0.0.5, port: 22, user: root }
 * </pre>
 * Keys are exactly the component names of {@link Target}. Every problem is reported with file, line and field, all
 * of them at once. The file is checked twice, like runbooks and patterns: the binder and {@link TargetRules} word
 * what they find for this model ("required for provider ssh targets"); a file they accept is then checked against
 * the published {@code targets.schema.json} through {@link SchemaFile}, placed on its line by {@link YamlTree}.
 */
public final class TargetsLoader {

    /** Where the runbooks jar puts the published schema. */
    public static final String SCHEMA_RESOURCE = "gpuops/runbooks/schema/targets.schema.json";

    private static final String ROOT = "targets";
    private static final String ACCESS = "access";

    private final SchemaFile schema;

    /** Checks against the published schema when the runbooks jar is on the classpath. */
    public TargetsLoader() {
        this(SchemaFile.onClasspath(SCHEMA_RESOURCE) ? SchemaFile.fromClasspath(SCHEMA_RESOURCE) : null);
    }

    /** @param schema the targets schema, or null to check with the binder and rules alone */
    public TargetsLoader(SchemaFile schema) {
        this.schema = schema;
    }

    /** @throws ConfigException listing every problem in the file */
    public Targets load(Path file) {
        String name = file.getFileName().toString();
        Node root = YamlNodes.parse(file).orElseThrow(() -> new ConfigException(
                new ConfigProblem(name, 0, "", "the file is empty; expected a top-level `targets:` mapping")));
        // the tree is taken before binding, which removes each target's access: section from the nodes
        Optional<List<ConfigProblem>> schemaProblems = schemaProblems(file, name, root);
        RecordNodeBinder binder = new RecordNodeBinder(name);
        MappingNode targetsNode = targetsMapping(root, binder);
        AccessPolicy global = globalAccess(root, binder);
        Map<String, Target> targets = new LinkedHashMap<>();
        Map<String, AccessPolicy> access = new LinkedHashMap<>();
        if (targetsNode != null) {
            for (NodeTuple entry : targetsNode.getValue()) {
                AccessPolicy own = takeAccess(entry, binder);
                bindTarget(entry, binder, targets);
                if (own != null) {
                    access.put(YamlNodes.key(entry), own);
                }
            }
        }
        if (!binder.problems().isEmpty()) {
            throw new ConfigException(binder.problems());
        }
        schemaProblems.filter(problems -> !problems.isEmpty()).ifPresent(problems -> {
            throw new ConfigException(problems);
        });
        return new Targets(file, targets, binder.lines(), new AccessPolicies(global, access));
    }

    private Optional<List<ConfigProblem>> schemaProblems(Path file, String name, Node root) {
        if (schema == null) {
            return Optional.empty();
        }
        try {
            YamlTree tree = YamlTree.of(file, root);
            return Optional.of(schema.validate(tree).stream()
                    .map(v -> new ConfigProblem(name, v.line(), v.field(), v.message())).toList());
        } catch (YamlFileException e) {
            // a duplicate or non-scalar key: the binder reports it in its own words
            return Optional.of(List.of(new ConfigProblem(name, e.line(), e.field(), e.problem())));
        }
    }

    private static MappingNode targetsMapping(Node root, RecordNodeBinder binder) {
        if (!(root instanceof MappingNode mapping)) {
            binder.problem(root, "", "expected a top-level `targets:` mapping, found " + YamlNodes.kind(root));
            return null;
        }
        MappingNode found = null;
        for (NodeTuple entry : mapping.getValue()) {
            String key = YamlNodes.key(entry);
            if (ACCESS.equals(key)) {
                continue;
            }
            if (!ROOT.equals(key)) {
                binder.problem(entry.getKeyNode(), key, "unknown top-level key; the file holds `targets:` and "
                        + "optionally `access:`");
            } else if (entry.getValueNode() instanceof MappingNode targets) {
                found = targets;
            } else {
                binder.problem(entry.getValueNode(), ROOT, "expected a mapping of target name to target, found "
                        + YamlNodes.kind(entry.getValueNode()));
            }
        }
        if (found == null && binder.problems().isEmpty()) {
            binder.problem(root, ROOT, "missing; the file must have a top-level `targets:` mapping");
        }
        return found;
    }

    private static AccessPolicy globalAccess(Node root, RecordNodeBinder binder) {
        if (!(root instanceof MappingNode mapping)) {
            return null;
        }
        for (NodeTuple entry : mapping.getValue()) {
            if (ACCESS.equals(YamlNodes.key(entry))) {
                return binder.bindRecord(entry.getValueNode(), AccessPolicy.class, ACCESS, Set.of());
            }
        }
        return null;
    }

    /** A target's own {@code access:} is not a {@link Target} field: it is taken out before the target is bound. */
    private static AccessPolicy takeAccess(NodeTuple entry, RecordNodeBinder binder) {
        if (!(entry.getValueNode() instanceof MappingNode mapping)) {
            return null;
        }
        for (Iterator<NodeTuple> it = mapping.getValue().iterator(); it.hasNext(); ) {
            NodeTuple tuple = it.next();
            if (ACCESS.equals(YamlNodes.key(tuple))) {
                it.remove();
                return binder.bindRecord(tuple.getValueNode(), AccessPolicy.class,
                        ROOT + "." + YamlNodes.key(entry) + "." + ACCESS, Set.of());
            }
        }
        return null;
    }

    private static void bindTarget(NodeTuple entry, RecordNodeBinder binder, Map<String, Target> targets) {
        String targetName = YamlNodes.key(entry);
        String field = ROOT + "." + targetName;
        binder.lines().put(field, YamlNodes.line(entry.getKeyNode()));
        String nameProblem = TargetRules.nameProblem(targetName);
        if (nameProblem != null) {
            binder.problem(entry.getKeyNode(), field, nameProblem);
            return;
        }
        if (targets.containsKey(targetName)) {
            binder.problem(entry.getKeyNode(), field, "duplicate target name");
            return;
        }
        Target bound = binder.bindRecord(entry.getValueNode(), Target.class, field, Set.of("name"));
        if (bound == null) {
            return;
        }
        Target target = bound.withName(targetName);
        List<TargetRules.Finding> findings = TargetRules.check(target);
        for (TargetRules.Finding finding : findings) {
            String path = field + "." + finding.field();
            int line = lineOf(binder.lines(), path).orElse(YamlNodes.line(entry.getKeyNode()));
            binder.problem(line, path, finding.message());
        }
        if (findings.isEmpty()) {
            targets.put(targetName, target);
        }
    }

    /** The line of a field, or of its closest written parent (a missing {@code ssh.host} points at {@code ssh:}). */
    private static Optional<Integer> lineOf(Map<String, Integer> lines, String path) {
        for (String p = path; p.contains("."); p = p.substring(0, p.lastIndexOf('.'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }
}
