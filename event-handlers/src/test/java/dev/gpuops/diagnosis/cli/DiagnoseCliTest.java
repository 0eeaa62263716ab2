package dev.gpuops.diagnosis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.diagnosis.TestCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DiagnoseCliTest {

    private static final String GATED = """
            INFO:     Waiting for application startup.
            huggingface_hub.errors.GatedRepoError: 401 Client Error.
            Access to model black-forest-labs/FLUX.1-schnell is restricted. You must have access to it.
            ERROR:    Application startup failed. Exiting.
            """;
    private static final String PATTERNS = TestCatalog.shippedDir().toString();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsTheBestMatchForHumans(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("server.log"), GATED);

        int code = run("", "diagnose", "--patterns", PATTERNS, log.toString());

        assertThat(code).isZero();
        assertThat(stdout()).startsWith("hf-gated-model (confidence 0.9")
                .contains("What it means:", "What to do:", "HF_TOKEN", "Evidence (" + log + "):",
                        "  > huggingface_hub.errors.GatedRepoError: 401 Client Error.", "Also matched: app-crashed");
        assertThat(stdout().lines()).allMatch(line -> line.length() <= 102 || line.startsWith("  > "));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void printsExactlyOneJsonLineReadingStdin() throws Exception {
        int code = run(GATED, "--json", "--patterns=" + PATTERNS, "-");

        assertThat(code).isZero();
        assertThat(stdout().strip().lines()).hasSize(1);
        JsonNode json = JsonMapper.builder().build().readTree(stdout());
        assertThat(json.get("pattern").asString()).isEqualTo("hf-gated-model");
        assertThat(json.get("confidence").asDouble()).isBetween(0.9, 0.99);
        assertThat(json.get("meaning").asString()).contains("gated");
        assertThat(json.get("fix").asString()).contains("HF_TOKEN");
        assertThat(json.get("evidence")).extracting(JsonNode::asString)
                .contains("huggingface_hub.errors.GatedRepoError: 401 Client Error.");
        assertThat(json.get("source").asString()).isEqualTo("stdin");
    }

    @Test
    void noMatchIsStillSuccessWithANullPatternAndTheLastRelevantLines() throws Exception {
        int code = run("starting\nERROR the flux capacitor is misaligned\nbye\n", "--json", "--patterns", PATTERNS,
                "-");

        assertThat(code).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(stdout());
        assertThat(json.get("pattern").isNull()).isTrue();
        assertThat(json.get("confidence").asDouble()).isZero();
        assertThat(json.get("evidence")).extracting(JsonNode::asString)
                .containsExactly("ERROR the flux capacitor is misaligned");
    }

    @Test
    void noMatchForHumansSaysSo() {
        int code = run("all quiet\n", "--patterns", PATTERNS, "-");

        assertThat(code).isZero();
        assertThat(stdout()).startsWith("No known failure pattern matched.").contains("Last relevant lines");
    }

    @Test
    void usageErrorsExitTwoWithAMessageOnStderr() {
        assertThat(run("", "--patterns", PATTERNS, "--bogus", "-")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown option --bogus").contains("usage: gpuops diagnose");

        err.reset();
        assertThat(run("", "--patterns", PATTERNS, "no/such/file.log")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read no/such/file.log: no such file");

        err.reset();
        assertThat(run("", "--json")).isEqualTo(2);
        assertThat(err.toString()).contains("give a FILE, or - to read standard input");

        err.reset();
        assertThat(run("", "a.log", "b.log")).isEqualTo(2);
        assertThat(err.toString()).contains("one file at a time");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void evalPrintsTheScoresOfEachSplitAndExitsZeroWhateverTheScore(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.jsonl"), """
                {"text":"write /x: no space left on device","label":"disk-full","source":"https://a/1","split":"dev"}
                {"text":"nothing to see","label":"cuda-oom","source":"https://a/2","split":"dev"}
                {"text":"INFO ready","label":null,"source":"https://a/3","split":"holdout"}
                """);

        int code = run("", "diagnose", "--eval", dir.toString(), "--patterns", PATTERNS);

        assertThat(code).isZero();
        assertThat(stdout()).contains("== dev: 2 failure samples, 0 negatives", "top-1 accuracy  50.0% (1/2)",
                "== holdout: 0 failure samples, 1 negatives", "false alarms    0.0% (0/1 negatives)",
                "pattern", "precision", "recall", "cuda-oom -> none: 1", "== all: 2 failure samples, 1 negatives");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void evalUsageErrorsExitTwo(@TempDir Path dir) throws Exception {
        assertThat(run("", "--eval")).isEqualTo(2);
        assertThat(err.toString()).contains("--eval needs a directory");

        err.reset();
        assertThat(run("", "--eval", dir.toString(), "x.log")).isEqualTo(2);
        assertThat(err.toString()).contains("--eval scores a corpus directory; it takes no FILE");

        err.reset();
        assertThat(run("", "--eval=" + dir, "--patterns", PATTERNS)).isEqualTo(2);
        assertThat(err.toString()).contains("no *.jsonl files");

        err.reset();
        Files.writeString(dir.resolve("bad.jsonl"), "{\"text\":\"t\",\"label\":\"no-such-pattern\",\"source\":\"s\","
                + "\"split\":\"dev\"}\n");
        assertThat(run("", "--eval", dir.toString(), "--patterns", PATTERNS)).isEqualTo(2);
        assertThat(err.toString()).contains("bad.jsonl:1:label: \"no-such-pattern\" is not a pattern id");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void helpIsNotAnError() {
        assertThat(run("", "--help")).isZero();
        assertThat(stdout()).contains("usage: gpuops diagnose");
    }

    @Test
    void aBrokenCatalogIsReportedWithFileAndLine() {
        String broken = TestCatalog.resources().resolve("broken").resolve("bad-regex").toString();

        assertThat(run("x\n", "--patterns", broken, "-")).isEqualTo(3);
        assertThat(err.toString()).contains("patterns.yaml:9: patterns[0].match.any[0].regex: regex does not compile");
    }

    @Test
    void wrapsParagraphsAtAHundredColumns() {
        String wrapped = DiagnoseCli.wrap("word ".repeat(60));

        assertThat(wrapped.lines()).hasSizeGreaterThan(2).allMatch(l -> l.startsWith("  ") && l.length() <= 100);
    }

    private int run(String stdin, String... args) {
        return DiagnoseCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
