package dev.gpuops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.diagnosis.PatternCatalog;
import dev.gpuops.diagnosis.RegexRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PosixRegexTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "(?i)exited with (?:code|status) [1-9]\\d* => exited with (code|status) [1-9][0-9]*",
        "\\bfoo\\s+\\S+\\w => \\bfoo[[:space:]]+[^[:space:]]+[[:alnum:]_]",
        "KeyError: '(?<var>[A-Z][A-Z0-9_]{2,})' => KeyError: '([A-Z][A-Z0-9_]{2,})'",
        "a.{0,60}?(?i:not set|missing) => a.{0,60}(not set|missing)",
        "[\\d.]+ GiB => [0-9.]+ GiB",
    })
    void translatesJavaSyntaxToPosixEre(String java, String ere) {
        assertThat(PosixRegex.fromJava(java.strip())).isEqualTo(ere.strip());
    }

    @Test
    void grepAcceptsEveryRegexOfTheShippedCatalogSilently(@TempDir Path dir) throws Exception {
        PatternCatalog catalog = PatternCatalog.load(Path.of("..", "runbooks", "patterns"));
        List<String> regexes = catalog.patterns().stream()
                .flatMap(p -> Stream.of(p.any(), p.all(), p.support()).flatMap(List::stream))
                .filter(RegexRule.class::isInstance).map(r -> PosixRegex.fromJava(((RegexRule) r).regex())).toList();
        Path file = Files.write(dir.resolve("catalog.ere"), regexes);
        Path log = Files.writeString(dir.resolve("log"), "torch.OutOfMemoryError: CUDA out of memory.\n");

        Process grep = new ProcessBuilder("grep", "-E", "-i", "-c", "-f", file.toString(), log.toString()).start();
        String out = new String(grep.getInputStream().readAllBytes()).strip();
        String err = new String(grep.getErrorStream().readAllBytes()).strip();

        assertThat(grep.waitFor()).isZero();
        assertThat(err).isEmpty();
        assertThat(out).isEqualTo("1");
    }
}
