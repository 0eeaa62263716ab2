package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A broken pattern file must stop loading and say exactly where: file, line and field. */
class BrokenCatalogTest {

    private static final Path BROKEN = TestCatalog.resources().resolve("broken");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            bad-regex                | patterns.yaml |  9 | patterns[0].match.any[0].regex  | regex does not compile
            unknown-kind             | patterns.yaml |  6 | patterns[0].where[1]            | does not have a value in the enumeration
            bad-id                   | patterns.yaml |  4 | patterns[0].id                  | does not match the regex pattern
            missing-fix              | patterns.yaml |  4 | patterns[0].fix                 | missing required field `fix`
            unknown-field            | patterns.yaml | 10 | patterns[0].match.any[0].wieght | unknown field `wieght`
            weight-out-of-range      | patterns.yaml | 12 | patterns[0].match.any[1].weight | must have a maximum value of 1
            catastrophic             | patterns.yaml |  9 | patterns[0].match.any[0].regex  | backtrack catastrophically
            no-literal               | patterns.yaml |  9 | patterns[0].match.any[0].regex  | add `literal: [...]`
            bad-remediation-variable | patterns.yaml | 13 | patterns[0].remediation         | uses ${program}
            bad-remediation-verb     | patterns.yaml | 13 | patterns[0].remediation         | 'reboot' is not a /gpu verb
            in-outside-where         | patterns.yaml | 11 | patterns[0].match.any[0].in     | does not look at
            yaml-syntax              | patterns.yaml |  7 | ""                              | not valid YAML
            duplicate-key            | patterns.yaml |  7 | patterns[0].title               | duplicate key 'title'
            rule-regex-and-field     | patterns.yaml |  9 | patterns[0].match.any[0]        | exactly one of `regex`
            match-without-any-or-all | patterns.yaml |  7 | patterns[0].match               | needs an `any` or an `all`
            empty-file               | patterns.yaml |  1 | ""                              | the file is empty
            duplicate-id             | b.yaml        | 13 | patterns[1].id                  | duplicate pattern id 'cuda-oom'
            supersedes-unknown       | patterns.yaml |  4 | supersedes                      | 'image-pul-failed' is not a pattern id
            supersedes-cycle         | patterns.yaml |  4 | supersedes                      | supersedes forms a cycle
            """)
    void failsWithFileLineAndField(String fixture, String file, int line, String field, String problem) {
        CatalogException e = catchThrowableOfType(CatalogException.class,
                () -> PatternCatalog.load(BROKEN.resolve(fixture)));

        assertThat(e).as("loading %s should fail", fixture).isNotNull();
        assertThat(e.file().getFileName().toString()).isEqualTo(file);
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
        assertThat(e.problem()).contains(problem);
        assertThat(e.getMessage()).startsWith(e.file() + ":" + line + ": ");
    }

    @Test
    void missingDirectoryNamesTheWayToConfigureIt() {
        assertThatThrownBy(() -> PatternCatalog.load(Path.of("no", "such", "patterns")))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("pattern directory not found")
                .hasMessageContaining("--patterns DIR");
    }

    @Test
    void directoryWithoutPatternFilesFails(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("README.md"), "nothing here");

        assertThatThrownBy(() -> PatternCatalog.load(dir)).isInstanceOf(CatalogException.class)
                .hasMessageContaining("no *.yaml pattern files");
    }
}
