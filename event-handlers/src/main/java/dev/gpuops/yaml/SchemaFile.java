package dev.gpuops.yaml;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A published JSON Schema (2020-12) that YAML files are checked against: runbooks, patterns. Violations come back
 * placed on the line and field of the tree, in the order a person should fix them. A schema may carry its own
 * wording for a keyword in a {@code message} object.
 */
public final class SchemaFile {

    /**
     * @param keyword        the JSON Schema keyword that failed ({@code required}, {@code oneOf}, …)
     * @param schemaLocation where in the schema, for callers that word a combinator themselves
     */
    public record Violation(int line, String field, String message, String keyword, String schemaLocation) {

        /** Unknown fields first: a misspelt key also shows up as a missing one, and the typo is the cause. */
        int rank() {
            return "additionalProperties".equals(keyword) ? 0 : inCombinator() ? 2 : 1;
        }

        /** Combinator messages ("must be valid to one and only one schema") come last: their children say more. */
        public boolean inCombinator() {
            return schemaLocation.matches(".*/(?:oneOf|anyOf|not)(?:/.*)?");
        }
    }

    /** Building a schema loads the 2020-12 meta-schema from the validator's jar: do it once per schema text. */
    private static final Map<String, SchemaFile> COMPILED = new ConcurrentHashMap<>();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonSchema schema;

    private SchemaFile(String text) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .errorMessageKeyword("message")
                .locale(Locale.ENGLISH)
                .build();
        this.schema = FACTORY.getSchema(text, InputFormat.JSON, config);
    }

    public static SchemaFile of(String text) {
        return COMPILED.computeIfAbsent(text, SchemaFile::new);
    }

    /** @throws UncheckedIOException naming the file when it cannot be read */
    public static SchemaFile from(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JSON schema " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalStateException naming the resource when it is not on the classpath */
    public static SchemaFile fromClasspath(String resource) {
        try (InputStream in = SchemaFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the JSON schema " + resource + " is not on the classpath; add the"
                        + " gpuops runbooks jar");
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JSON schema " + resource + ": " + e.getMessage(), e);
        }
    }

    public static boolean onClasspath(String resource) {
        return SchemaFile.class.getClassLoader().getResource(resource) != null;
    }

    /** Every violation, most useful first, then in document order; empty when the tree is valid. */
    public List<Violation> validate(YamlTree tree) {
        return schema.validate(SchemaTree.of(tree.root())).stream().map(message -> violation(tree, message))
                .sorted(Comparator.comparingInt(Violation::rank).thenComparingInt(Violation::line)
                        .thenComparing(Violation::field))
                .toList();
    }

    private static Violation violation(YamlTree tree, ValidationMessage message) {
        String keyword = message.getType();
        String location = message.getSchemaLocation() == null ? "" : message.getSchemaLocation().toString();
        String field = path(message.getInstanceLocation());
        boolean aboutProperty = "required".equals(keyword) || "additionalProperties".equals(keyword)
                || "unevaluatedProperties".equals(keyword);
        Violation draft = new Violation(0, field, "", keyword, location);
        if (message.getProperty() != null && aboutProperty && !draft.inCombinator()) {
            field = YamlTree.child(field, message.getProperty());
        }
        return new Violation(tree.lineOf(field), field, text(message), keyword, location);
    }

    private static String text(ValidationMessage message) {
        String property = message.getProperty();
        if ("additionalProperties".equals(message.getType())) {
            return "unknown field `" + property + "`; the schema allows no other fields here";
        }
        if ("required".equals(message.getType())) {
            return "missing required field `" + property + "`";
        }
        String text = message.getMessage();
        String prefix = message.getInstanceLocation() + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    private static String path(JsonNodePath location) {
        String out = "";
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            out = element instanceof Integer index ? YamlTree.item(out, index) : YamlTree.child(out, "" + element);
        }
        return out;
    }
}
