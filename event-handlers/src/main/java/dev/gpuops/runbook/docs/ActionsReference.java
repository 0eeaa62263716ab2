package dev.gpuops.runbook.docs;

import dev.gpuops.runbook.BuiltInActions;
import dev.gpuops.runbook.ParamBinder;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Generates the actions reference of docs/runbooks.md from the action classes themselves (key, description,
 * idempotent/destructive, and every parameter's type, required flag, default and {@link Param} description), so the
 * page cannot drift from the code. Only the part between {@link #BEGIN} and {@link #END} is rewritten.
 */
public final class ActionsReference {

    public static final String BEGIN = "<!-- BEGIN GENERATED ACTIONS REFERENCE (do not edit by hand) -->";
    public static final String END = "<!-- END GENERATED ACTIONS REFERENCE -->";
    public static final String REGENERATE = "./mvnw -o -q -pl event-handlers -am test -Dtest=ActionsReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dgpuops.docs.write=true";
    public static final Path DEFAULT_DOC = Path.of("docs", "runbooks.md");

    private ActionsReference() {
    }

    /** Rewrites the generated part of the doc: {@code ActionsReference [path/to/runbooks.md]}. */
    public static void main(String[] args) throws IOException {
        Path doc = args.length > 0 ? Path.of(args[0]) : locate();
        boolean changed = write(doc, BuiltInActions.all());
        System.out.println((changed ? "updated " : "already up to date: ") + doc);
    }

    /** @return whether the file changed */
    public static boolean write(Path doc, Collection<? extends Action<?>> actions) throws IOException {
        String current = Files.readString(doc, StandardCharsets.UTF_8);
        String updated = splice(current, render(actions));
        if (updated.equals(current)) {
            return false;
        }
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
        return true;
    }

    /** {@code docs/runbooks.md} seen from the repository root or from a module directory. */
    public static Path locate() {
        Path fromModule = Path.of("..").resolve(DEFAULT_DOC);
        return Files.isRegularFile(DEFAULT_DOC) || !Files.isRegularFile(fromModule) ? DEFAULT_DOC : fromModule;
    }

    /** Replaces what lies between the markers; the markers themselves stay. */
    public static String splice(String doc, String generated) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the doc has no generated section: it needs a line " + BEGIN
                    + " followed later by a line " + END);
        }
        return doc.substring(0, begin + BEGIN.length()) + "\n" + generated + doc.substring(end);
    }

    /** The reference, grouped by the key's first part ({@code ssh}, {@code runpod}…), keys sorted. */
    public static String render(Collection<? extends Action<?>> actions) {
        Map<String, List<Action<?>>> groups = new TreeMap<>(actions.stream().collect(Collectors.groupingBy(
                a -> a.key().substring(0, a.key().indexOf('.')))));
        StringBuilder out = new StringBuilder();
        out.append("\n").append(actions.size()).append(" actions. Regenerate this section with `")
                .append(REGENERATE).append("`.\n");
        groups.forEach((group, members) -> {
            out.append("\n### ").append(group).append(".*\n");
            members.stream().sorted(Comparator.comparing(Action::key)).forEach(a -> action(out, a));
        });
        return out.append('\n').toString();
    }

    private static void action(StringBuilder out, Action<?> action) {
        out.append("\n#### `").append(action.key()).append("`\n\n")
                .append(escape(action.description())).append("\n\n")
                .append("Idempotent: ").append(action.idempotent() ? "yes" : "no")
                .append(" · Destructive: ").append(destructive(action))
                .append(" · Class: `").append(action.getClass().getSimpleName()).append("`\n");
        List<RecordComponent> params = ParamBinder.components(action.paramsType());
        if (params.isEmpty()) {
            out.append("\nNo parameters.\n");
            return;
        }
        out.append("\n| Parameter | Type | Required | Default | Description |\n|---|---|---|---|---|\n");
        for (RecordComponent param : params) {
            Param doc = param.getAnnotation(Param.class);
            out.append("| `").append(param.getName()).append("` | ").append(type(param.getGenericType()))
                    .append(" | ").append(doc != null && doc.required() ? "yes" : "no")
                    .append(" | ").append(doc == null || doc.defaultValue().isEmpty() ? "" : escape(doc.defaultValue()))
                    .append(" | ").append(doc == null ? "" : escape(doc.value())).append(" |\n");
        }
    }

    /** Actions that decide per call (a read-only {@code ssh.exec}, {@code lambda.launch} without force) say so. */
    private static String destructive(Action<?> action) {
        boolean perCall;
        try {
            action.getClass().getDeclaredMethod("destructive", action.paramsType());
            perCall = true;
        } catch (NoSuchMethodException e) {
            perCall = false;
        }
        if (!action.destructive()) {
            return "no";
        }
        return perCall ? "depends on the parameters (treated as yes where they are unknown)" : "yes";
    }

    static String type(Type type) {
        if (type instanceof ParameterizedType generic) {
            Type[] args = generic.getActualTypeArguments();
            return generic.getRawType() == List.class ? "list of " + type(args[0])
                    : "map of text to " + type(args[1]);
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == Duration.class) {
            return "duration";
        }
        return ((Class<?>) type).getSimpleName();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
