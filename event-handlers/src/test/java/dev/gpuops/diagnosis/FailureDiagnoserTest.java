package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Evidence.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureDiagnoserTest {

    private final FailureDiagnoser diagnoser = new FailureDiagnoser(TestCatalog.shipped());

    @Test
    void gatedModelOutranksTheCrashAndTheResetItCauses() {
        List<Evidence> evidence = List.of(
                new Evidence(Kind.HTTP_PROBE, "curl /health", "curl: (56) Recv failure: Connection reset by peer"),
                new Evidence(Kind.CONTAINER_LOGS, "docker logs image-server", """
                        INFO:     Waiting for application startup.
                        Traceback (most recent call last):
                        huggingface_hub.errors.GatedRepoError: 401 Client Error.
                        ERROR:    Application startup failed. Exiting.
                        """));

        List<Diagnosis> ranked = diagnoser.diagnose(evidence);

        assertThat(ranked).extracting(Diagnosis::patternId)
                .containsExactly("hf-gated-model", "connection-reset-app-crash", "app-crashed");
        assertThat(ranked.getFirst().source()).isEqualTo("docker logs image-server");
        assertThat(ranked.getFirst().confidence()).isGreaterThan(ranked.get(1).confidence());
    }

    @Test
    void evidenceLinesAreRedactedAnsiFreeAndWithoutLogPrefixes() {
        String log = "2026-02-08T10:00:00Z \u001B[31mERROR\u001B[0m 401 Client Error: Unauthorized for url:"
                + " https://huggingface.co/x/resolve/main/a.json token=hf_abcdefghijklmnopqrstuvwxyz123456\r\n";

        Diagnosis best = diagnoser.best(List.of(new Evidence(Kind.CONTAINER_LOGS, "logs", log))).orElseThrow();

        assertThat(best.patternId()).isEqualTo("hf-gated-model");
        assertThat(best.evidenceLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("ERROR 401 Client Error").doesNotContain("hf_abc", "\u001B", "\r", "2026-02-08T"));
    }

    @Test
    void crlfAndProgressBarCarriageReturnsSplitLines() {
        String log = "step 1/4\r\nDownloading: 10%\rDownloading: 60%\rCUDA out of memory. Tried to allocate 2 GiB\r\n"
                + "done\r\n";

        Diagnosis best = diagnoser.best(List.of(new Evidence(Kind.CONTAINER_LOGS, "logs", log))).orElseThrow();

        assertThat(best.patternId()).isEqualTo("cuda-oom");
        assertThat(best.evidenceLines()).containsExactly("CUDA out of memory. Tried to allocate 2 GiB");
    }

    @Test
    void aPatternOnlyLooksAtItsKindsOfEvidence() {
        String refused = "GET http://10.0.0.5:8000/health -> java.net.ConnectException: Connection refused";

        assertThat(diagnoser.diagnose(List.of(new Evidence(Kind.HTTP_PROBE, "probe", refused))))
                .extracting(Diagnosis::patternId).containsExactly("health-not-listening");
        assertThat(diagnoser.diagnose(List.of(new Evidence(Kind.CONTAINER_LOGS, "logs", refused)))).isEmpty();
    }

    @Test
    void aRuleLevelUnlessVetoesOnlyItsOwnLine() {
        String ssh = "ssh: connect to host 203.0.113.41 port 22: Connection reset by peer";

        assertThat(diagnoser.diagnose(List.of(new Evidence(Kind.STEP_ERROR, "ssh", ssh))))
                .extracting(Diagnosis::patternId).doesNotContain("connection-reset-app-crash");
    }

    @Test
    void jobsInQueueWithIdleWorkersIsStuckButNotWhileOneIsRunning() {
        String stuck = "{\"jobs\":{\"inQueue\":4},\"workers\":{\"idle\":2,\"ready\":2,\"running\":0}}";
        String busy = "{\"jobs\":{\"inQueue\":4},\"workers\":{\"idle\":2,\"ready\":2,\"running\":1}}";

        assertThat(diagnoser.best(List.of(new Evidence(Kind.PROVIDER_STATE, "health", stuck))))
                .hasValueSatisfying(d -> assertThat(d.patternId()).isEqualTo("runpod-jobs-stuck"));
        assertThat(diagnoser.diagnose(List.of(new Evidence(Kind.PROVIDER_STATE, "health", busy)))).isEmpty();
    }

    @Test
    void remediationIsFilledFromWhatTheLogNamed() {
        Diagnosis fatal = diagnoser.best(List.of(new Evidence(Kind.SUPERVISOR_STATUS, "supervisorctl status",
                "worker-cpu   FATAL     Exited too quickly (process log may have details)"))).orElseThrow();
        Diagnosis pollers = diagnoser.best(List.of(new Evidence(Kind.STEP_ERROR, "queue check",
                "task queue video-processing@gpu has no pollers"))).orElseThrow();

        assertThat(fatal.remediation()).isEqualTo("/gpu restart ${target} worker-cpu");
        assertThat(fatal.remediationFor("box-2")).contains("/gpu restart box-2 worker-cpu");
        assertThat(pollers.remediationFor("box-2")).contains("/gpu restart box-2 worker-gpu");
    }

    @Test
    void capturedTextThatIsNotANameNeverBecomesACommand(@TempDir Path dir) throws Exception {
        FailureDiagnoser custom = new FailureDiagnoser(catalog(dir, """
                  - id: broke
                    title: Something broke
                    where: [container-logs]
                    match:
                      any:
                        - regex: 'broke: (?<program>.+)$'
                          weight: 0.9
                    meaning: A program broke and said so.
                    fix: Restart the program it names.
                    remediation: /gpu restart ${target} ${program}
                """));

        Diagnosis d = custom.best(List.of(new Evidence(Kind.CONTAINER_LOGS, "l", "broke: x; rm -rf /"))).orElseThrow();

        assertThat(d.remediation()).contains("${program}");
        assertThat(d.remediationFor("box-1")).isEmpty();
    }

    @Test
    void supportRulesAddConfidenceButNeverMatchAlone(@TempDir Path dir) throws Exception {
        FailureDiagnoser custom = new FailureDiagnoser(catalog(dir, """
                  - id: init-loop
                    title: Init loop
                    where: [provider-state, step-error]
                    match:
                      any:
                        - regex: 'init timeout'
                          weight: 0.5
                      support:
                        - field: workers.initializing
                          gte: 1
                          weight: 0.5
                    meaning: Workers never finish initialising.
                    fix: Raise the init timeout.
                """));
        Evidence health = new Evidence(Kind.PROVIDER_STATE, "health", "{\"workers\":{\"initializing\":2}}");
        Evidence error = new Evidence(Kind.STEP_ERROR, "step", "worker hit the init timeout");

        assertThat(custom.diagnose(List.of(health))).isEmpty();
        assertThat(custom.best(List.of(error)).orElseThrow().confidence()).isEqualTo(0.4);
        assertThat(custom.best(List.of(error, health)).orElseThrow().confidence()).isEqualTo(0.6);
    }

    @Test
    void unknownFailureCarriesTheLastErrorLinesNotTheTail() {
        String log = IntStream.range(0, 30).mapToObj(i -> i % 3 == 0 ? "ERROR step " + i + " went sideways"
                : "INFO tick " + i).collect(Collectors.joining("\n"));

        Diagnosis d = diagnoser.conclude(List.of(new Evidence(Kind.LOG_FILE, "/var/log/app.log", log)));

        assertThat(d.known()).isFalse();
        assertThat(d.patternId()).isNull();
        assertThat(d.confidence()).isZero();
        assertThat(d.source()).isEqualTo("/var/log/app.log");
        assertThat(d.evidenceLines()).hasSize(FailureDiagnoser.UNKNOWN_LINES).allMatch(l -> l.startsWith("ERROR"))
                .endsWith("ERROR step 27 went sideways");
    }

    @Test
    void unknownFailureWithoutErrorLinesCarriesTheTail() {
        String log = IntStream.range(0, 30).mapToObj(i -> "tick " + i).collect(Collectors.joining("\n"));

        Diagnosis d = diagnoser.conclude(List.of(new Evidence(Kind.COMMAND_OUTPUT, "cmd", log)));

        assertThat(d.evidenceLines()).hasSize(FailureDiagnoser.UNKNOWN_LINES).startsWith("tick 20").endsWith("tick 29");
        assertThat(d.meaning()).contains("None of the catalog's failure patterns matched");
    }

    @Test
    void evidenceLinesKeepTheMostRecentMatchesAndCutLongOnes() {
        String log = IntStream.range(0, 50).mapToObj(i -> "CUDA out of memory at step " + i + " " + "x".repeat(400))
                .collect(Collectors.joining("\n"));

        Diagnosis d = diagnoser.best(List.of(new Evidence(Kind.LOG_FILE, "l", log))).orElseThrow();

        assertThat(d.evidenceLines()).hasSize(PatternMatcher.MAX_EVIDENCE_LINES);
        assertThat(d.evidenceLines().getLast()).startsWith("CUDA out of memory at step 49 ").endsWith("…")
                .hasSize(PatternMatcher.MAX_LINE_CHARS);
    }

    @Test
    void analyzerAnswersEveryFailureThatHasEvidence() {
        CatalogFailureAnalyzer analyzer = new CatalogFailureAnalyzer(TestCatalog.shipped());

        assertThat(analyzer.analyze(List.of())).isEmpty();
        assertThat(analyzer.analyze(List.of(new Evidence(Kind.STEP_ERROR, "s", "  ")))).isEmpty();
        assertThat(analyzer.analyze(List.of(new Evidence(Kind.STEP_ERROR, "s", "something odd happened"))))
                .hasValueSatisfying(d -> assertThat(d.known()).isFalse());
        assertThat(analyzer.analyze(List.of(new Evidence(Kind.STEP_ERROR, "s", "no space left on device"))))
                .hasValueSatisfying(d -> assertThat(d.patternId()).isEqualTo("disk-full"));
    }

    static PatternCatalog catalog(Path dir, String patterns) throws Exception {
        Path patternsDir = Files.createDirectories(dir.resolve("patterns"));
        Files.writeString(patternsDir.resolve("test.yaml"),
                "apiVersion: gpuops/v1\nkind: FailurePatterns\npatterns:\n" + patterns);
        return PatternCatalog.load(patternsDir);
    }
}
