package dev.gpuops.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {

    private final Map<String, Object> values = Map.of(
            "inputs.tag", "v2", "target.supervisor.programs", List.of("a", "b"),
            "target.health.timeout", Duration.ofMinutes(5));

    @Test
    void interpolatesReferencesInsideText() {
        Object rendered = Template.parse("image:${inputs.tag} programs=${target.supervisor.programs}")
                .render(r -> values.get(r.text()));

        assertThat(rendered).isEqualTo("image:v2 programs=a,b");
    }

    @Test
    void aWholeValueReferenceKeepsItsType() {
        assertThat(Template.parse("${target.supervisor.programs}").render(r -> values.get(r.text())))
                .isEqualTo(List.of("a", "b"));
        assertThat(Template.parse("${target.health.timeout}").render(r -> values.get(r.text()))).isEqualTo("5m");
        assertThat(Template.parse("${inputs.missing}").render(r -> null)).isNull();
        assertThat(Template.parse("x${inputs.missing}y").render(r -> null)).isEqualTo("xy");
    }

    @Test
    void doubleDollarIsALiteralDollarBrace() {
        Template template = Template.parse("echo $${HOME} ${inputs.tag}");

        assertThat(template.references()).extracting(Reference::text).containsExactly("inputs.tag");
        assertThat(template.render(r -> "v2")).isEqualTo("echo ${HOME} v2");
        assertThat(Template.containsExpression("echo $${HOME}")).isFalse();
    }

    @Test
    void dockerGoTemplatesAreLeftAlone() {
        Template template = Template.parse("docker inspect -f '{{.State.Status}}' app");

        assertThat(template.isLiteral()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tag {{ inputs.tag }}        | is not gpuops syntax
            tag {{steps.a.b}}           | is not gpuops syntax
            ${inputs.tag                | unbalanced `${`
            ${inputs.${inputs.x}}       | do not nest
            ${}                         | is not a reference
            ${HOME}                     | unknown root `HOME`
            ${inputs}                   | write ${inputs.<name>}
            ${inputs.a.b}               | write ${inputs.<name>}
            ${steps.only}               | write ${steps.<id>.<output>}
            ${target}                   | write ${target.<field>}
            """)
    void rejectsWhatIsNotOneCleanSyntax(String text, String message) {
        assertThatThrownBy(() -> Template.parse(text)).isInstanceOf(ExpressionException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''      | false
            false   | false
            No      | false
            0       | false
            off     | false
            true    | true
            worker  | true
            """)
    void whenConditionsReadLikeAHumanWouldExpect(String value, boolean truthy) {
        assertThat(Values.truthy(value)).isEqualTo(truthy);
    }

    @Test
    void targetPathsMustBeRealFields() {
        assertThat(TargetPaths.problem(List.of("ssh", "host"))).isEmpty();
        assertThat(TargetPaths.problem(List.of("container", "env", "MODEL_ID"))).isEmpty();
        assertThat(TargetPaths.problem(List.of("ssh"))).get().asString().contains("is a section");
        assertThat(TargetPaths.problem(List.of("ssh", "hostname"))).get().asString()
                .contains("`hostname` is not a field of target.ssh");
        assertThat(TargetPaths.problem(List.of("name", "x"))).get().asString().contains("is a value");
    }
}
