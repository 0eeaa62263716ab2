package dev.gpuops.diagnosis.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorpusReaderTest {

    @Test
    void readsEveryJsonlFileInNameOrderSkippingBlankLines(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.jsonl"), """
                {"text":"no space left on device","label":"disk-full","source":"https://x/1","split":"dev"}

                {"text":"INFO ready","label":null,"source":"https://x/2","split":"holdout"}
                """);
        Files.writeString(dir.resolve("a.jsonl"),
                "{\"text\":\"CUDA out of memory\",\"label\":\"cuda-oom\",\"source\":\"https://x/3\",\"split\":\"dev\"}\n");
        Files.writeString(dir.resolve("README.md"), "not a corpus file");

        List<CorpusSample> samples = CorpusReader.read(dir);

        assertThat(samples).extracting(CorpusSample::label).containsExactly("cuda-oom", "disk-full", null);
        assertThat(samples.get(2).negative()).isTrue();
        assertThat(samples.get(2).split()).isEqualTo(CorpusSample.HOLDOUT);
        assertThat(samples.get(1).origin()).isEqualTo(dir.resolve("b.jsonl") + ":1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            not json      | ~{"text": oops~                                                          | :1: not a JSON object
            not an object | ~[1, 2]~                                                                 | :1: not a JSON object
            no text       | ~{"label":null,"source":"s","split":"dev"}~                              | :1:text: required
            no label      | ~{"text":"t","source":"s","split":"dev"}~                                | :1:label: must be a pattern id or null
            number label  | ~{"text":"t","label":3,"source":"s","split":"dev"}~                      | :1:label: must be a pattern id or null
            no source     | ~{"text":"t","label":null,"split":"dev"}~                                | :1:source: required
            bad split     | ~{"text":"t","label":null,"source":"s","split":"test"}~                  | :1:split: must be "dev" or "holdout"
            """)
    void rejectsABadLineWithFileLineAndField(String name, String line, String message, @TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("c.jsonl"), line + "\n");

        assertThatThrownBy(() -> CorpusReader.read(dir)).isInstanceOf(CorpusException.class)
                .hasMessageStartingWith(dir.resolve("c.jsonl").toString()).hasMessageContaining(message);
    }

    @Test
    void aMissingOrEmptyDirectoryIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> CorpusReader.read(dir.resolve("nope"))).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> CorpusReader.read(dir)).hasMessageContaining("no *.jsonl files");
    }
}
