package dev.gpuops.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The published runbook JSON Schema ({@code runbooks/schema/runbook.schema.json}), the first gate every runbook file
 * passes. The runbooks jar carries it at {@value #CLASSPATH_LOCATION}.
 */
public final class RunbookSchema {

    public static final String CLASSPATH_LOCATION = "gpuops/runbooks/schema/runbook.schema.json";

    /** @param path property names and list indexes down to the offending value */
    public record Violation(List<Object> path, String message) {
    }

    private final JsonSchema schema;

    private RunbookSchema(InputStream json) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .errorMessageKeyword("message")
                .build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(json, config);
    }

    /** @throws IllegalStateException when the runbooks jar is not on the classpath */
    public static RunbookSchema fromClasspath() {
        try (InputStream in = RunbookSchema.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException("the runbook schema " + CLASSPATH_LOCATION
                        + " is not on the classpath; add the gpuops runbooks jar or use RunbookSchema.from(path)");
            }
            return new RunbookSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RunbookSchema from(Path schemaFile) {
        try (InputStream in = Files.newInputStream(schemaFile)) {
            return new RunbookSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read runbook schema " + schemaFile, e);
        }
    }

    public List<Violation> validate(JsonNode document) {
        Set<ValidationMessage> messages = schema.validate(document);
        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage message : messages) {
            List<Object> path = elements(message.getInstanceLocation());
            if (message.getProperty() != null && isAboutProperty(message.getType())) {
                path.add(message.getProperty());
            }
            violations.add(new Violation(path, text(message)));
        }
        violations.sort(Comparator.comparing(v -> YamlJson.field(v.path())));
        return violations;
    }

    private static boolean isAboutProperty(String keyword) {
        return "required".equals(keyword) || "additionalProperties".equals(keyword)
                || "unevaluatedProperties".equals(keyword);
    }

    private static List<Object> elements(JsonNodePath location) {
        List<Object> path = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) {
            path.add(location.getElement(i));
        }
        return path;
    }

    private static String text(ValidationMessage message) {
        String keyword = message.getType();
        String property = message.getProperty();
        if ("additionalProperties".equals(keyword)) {
            return "unknown field `" + property + "`; the schema allows no other fields here";
        }
        if ("required".equals(keyword)) {
            return "missing required field `" + property + "`";
        }
        String text = message.getMessage();
        String prefix = message.getInstanceLocation() + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }
}
