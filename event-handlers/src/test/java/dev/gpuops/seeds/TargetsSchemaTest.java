package dev.gpuops.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.gpuops.target.Target;
import dev.gpuops.target.YamlNodes;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runbooks/schema/targets.schema.json, for editors, agrees with the targets model the loader binds. */
class TargetsSchemaTest {

    private static final Path SCHEMA = ShippedRunbooksTest.RUNBOOKS.resolve("schema").resolve("targets.schema.json");
    private static final Path FIXTURES = Path.of("src", "test", "resources", "targets");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void schemaDescribesExactlyTheFieldsOfTheTargetModel() throws IOException {
        JsonNode target = JSON.readTree(SCHEMA.toFile()).path("$defs").path("target").path("properties");

        // `access` is read by the loader beside the Target record (dev.gpuops.target.AccessPolicy)
        Set<String> model = new TreeSet<>(components(Target.class, "name"));
        model.add("access");
        assertThat(names(target)).isEqualTo(model);
        JsonNode access = JSON.readTree(SCHEMA.toFile()).path("$defs").path("access").path("properties");
        assertThat(names(access)).isEqualTo(components(dev.gpuops.target.AccessPolicy.class));
        for (RecordComponent section : Target.class.getRecordComponents()) {
            if (section.getType().isRecord()) {
                assertThat(names(target.path(section.getName()).path("properties"))).as(section.getName())
                        .isEqualTo(components(section.getType()));
            }
        }
    }

    @Test
    void theDemoTemplateAndTheTestTargetsAreValidAndAnUnknownKeyIsNot(@TempDir Path dir) throws IOException {
        Path filled = dir.resolve("demo-targets.yaml");
        Files.writeString(filled, ShippedRunbooksTest.fill(Files.readString(ShippedRunbooksTest.TEMPLATE)));

        assertThat(validate(ShippedRunbooksTest.TEMPLATE)).isEmpty();
        assertThat(validate(filled)).isEmpty();
        assertThat(validate(FIXTURES.resolve("targets.yaml"))).isEmpty();
        assertThat(validate(FIXTURES.resolve("unknown-key.yaml"))).isNotEmpty();
        assertThat(validate(FIXTURES.resolve("missing-host.yaml"))).isNotEmpty();
    }

    private static Set<ValidationMessage> validate(Path yaml) throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(SCHEMA));
        Object plain = YamlNodes.toPlain(YamlNodes.parse(yaml).orElseThrow());
        return schema.validate(JSON.valueToTree(plain));
    }

    private static Set<String> names(JsonNode properties) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static Set<String> components(Class<?> record, String... except) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .filter(n -> !Arrays.asList(except).contains(n)).collect(Collectors.toCollection(TreeSet::new));
    }
}
