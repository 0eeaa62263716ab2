package dev.gpuops.diagnosis;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published JSON Schema of pattern files ({@code runbooks/schema/pattern.schema.json}). It is found next to the
 * patterns directory ({@code ../schema/}), else at the path in system property {@code gpuops.patterns.schema}, else
 * on the classpath (the runbooks jar packs it under {@code gpuops/runbooks/schema/}).
 */
final class PatternSchema {

    static final String FILE_NAME = "pattern.schema.json";
    private static final String RESOURCE = "gpuops/runbooks/schema/" + FILE_NAME;

    /** Building a schema loads the 2020-12 meta-schema from the validator's jar: do it once per schema text. */
    private static final Map<String, PatternSchema> COMPILED = new ConcurrentHashMap<>();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonSchema schema;

    private PatternSchema(String text) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .locale(Locale.ENGLISH)
                .build();
        this.schema = FACTORY.getSchema(text, InputFormat.JSON, config);
    }

    private static PatternSchema of(String text) {
        return COMPILED.computeIfAbsent(text, PatternSchema::new);
    }

    static PatternSchema locate(Path patternsDir) {
        Path parent = patternsDir.toAbsolutePath().normalize().getParent();
        Path sibling = parent == null ? null : parent.resolve("schema").resolve(FILE_NAME);
        String override = System.getProperty("gpuops.patterns.schema");
        try {
            if (override != null && !override.isBlank()) {
                return of(Files.readString(Path.of(override), StandardCharsets.UTF_8));
            }
            if (sibling != null && Files.isRegularFile(sibling)) {
                return of(Files.readString(sibling, StandardCharsets.UTF_8));
            }
            try (InputStream in = PatternSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in != null) {
                    return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new CatalogException(sibling, 0, "", "cannot read the pattern schema: " + e.getMessage(), e);
        }
        throw new CatalogException(patternsDir, 0, "", "pattern schema not found: looked for " + sibling
                + " and classpath " + RESOURCE + "; set -Dgpuops.patterns.schema=PATH");
    }

    /** Fails with the first problem in document order, naming its line and field. */
    void validate(YamlTree tree) {
        Set<ValidationMessage> messages = schema.validate(tree.root());
        if (messages.isEmpty()) {
            return;
        }
        List<Problem> problems = messages.stream().map(m -> problem(tree, m))
                .sorted(Comparator.comparingInt(Problem::rank).thenComparingInt(Problem::line)).toList();
        Problem first = problems.getFirst();
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more schema problem"
                + (problems.size() > 2 ? "s" : "") + ")" : "";
        throw new CatalogException(tree.file(), first.line(), first.field(), first.text() + more);
    }

    private record Problem(int line, String field, String text, int rank) {
    }

    /**
     * Unknown fields rank first: a misspelt key also shows up as a missing required one, and the typo is the cause.
     * Combinator messages ("must be valid to one and only one schema") rank last: their children say more.
     */
    private static Problem problem(YamlTree tree, ValidationMessage message) {
        String path = path(message.getInstanceLocation());
        String field = path;
        boolean unknownField = "additionalProperties".equals(message.getType());
        boolean inCombinator = schemaLocation(message).matches(".*/(?:oneOf|anyOf|not)(?:/.*)?");
        if (message.getProperty() != null && !inCombinator && ("required".equals(message.getType()) || unknownField)) {
            field = YamlTree.child(path, message.getProperty());
        }
        int rank = unknownField ? 0 : inCombinator ? 2 : 1;
        return new Problem(tree.lineOf(field), field, explain(message), rank);
    }

    private static String schemaLocation(ValidationMessage message) {
        return message.getSchemaLocation() == null ? "" : message.getSchemaLocation().toString();
    }

    private static String explain(ValidationMessage message) {
        String location = schemaLocation(message);
        if (location.contains("/rule/oneOf")) {
            return "a rule needs exactly one of `regex` (optionally with literal/unless) or `field` with a test"
                    + " (equals, notEquals, gt, gte, lt, lte, matches, exists, empty)";
        }
        if (location.contains("/match/anyOf")) {
            return "match needs an `any` or an `all` list";
        }
        if ("additionalProperties".equals(message.getType())) {
            return "unknown field '" + message.getProperty() + "'";
        }
        String text = message.getMessage();
        String prefix = message.getInstanceLocation() + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    /** Turns a validator path into the catalog's field notation: {@code patterns[2].match}. */
    private static String path(JsonNodePath location) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(element);
            }
        }
        return out.toString();
    }
}
