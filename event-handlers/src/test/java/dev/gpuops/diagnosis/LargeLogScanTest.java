package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Evidence.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Megabytes of healthy noise with one failure buried near the end. Asserts only correctness; the elapsed time is
 * printed for the bench harness, never asserted (a busy 2-core box makes wall-clock assertions flaky).
 */
class LargeLogScanTest {

    private static final int FIVE_MB = 5 * 1024 * 1024;
    private static final String[] NOISE = {
        "\u001B[32mINFO\u001B[0m:     172.17.0.1:50122 - \"GET /health HTTP/1.1\" 200 OK",
        "2026-02-08 12:00:02,113 INFO success: fastapi entered RUNNING state, process has stayed up for > than 1"
                + " seconds (startsecs)",
        "model.safetensors:  45%|████▌     | 4.50G/10.0G [00:30<00:37, 150MB/s]",
        "/usr/local/lib/python3.11/site-packages/torch/_utils.py:831: UserWarning: TypedStorage is deprecated.",
        "2026-02-08T10:02:11.120Z {\"requestId\": null, \"message\": \"Jobs in queue: 0\", \"level\": \"INFO\"}",
        "Feb 08 12:41:23 ip-10-1-2-3 comfyui-worker[1822]: 2026-02-08T12:41:23Z INFO heartbeat ok",
        "image-server-1  | 2026-02-08 10:26:58,114 - app - INFO - generated 4 images in 2.31s (error rate 0.0)",
    };

    private final FailureDiagnoser diagnoser = new FailureDiagnoser(TestCatalog.shipped());

    @Test
    void findsTheOneFailureInFiveMegabytesOfNoise() {
        StringBuilder log = noise(FIVE_MB);
        log.append("Traceback (most recent call last):\n")
                .append("huggingface_hub.errors.GatedRepoError: 401 Client Error. (Request ID: Root=1-67a7)\n")
                .append("\u001B[31mERROR\u001B[0m:    Application startup failed. Exiting.\n");
        log.append(noise(64 * 1024));
        List<Evidence> evidence = List.of(new Evidence(Kind.CONTAINER_LOGS, "docker logs big", log.toString()));

        diagnoser.diagnose(evidence); // warm-up, so the printed time is the scan, not class loading
        long start = System.nanoTime();
        List<Diagnosis> ranked = diagnoser.diagnose(evidence);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("diagnosis: scanned %.1f MB in %d ms%n", log.length() / 1048576.0, elapsedMs);

        assertThat(log.length()).isGreaterThan(FIVE_MB);
        assertThat(ranked.getFirst().patternId()).isEqualTo("hf-gated-model");
        assertThat(ranked.getFirst().evidenceLines())
                .contains("huggingface_hub.errors.GatedRepoError: 401 Client Error. (Request ID: Root=1-67a7)");
        assertThat(ranked).extracting(Diagnosis::patternId).containsExactly("hf-gated-model", "app-crashed");
    }

    @Test
    void fiveMegabytesOfHealthyNoiseIsAnHonestUnknown() {
        String log = noise(FIVE_MB).toString();

        Diagnosis d = diagnoser.conclude(List.of(new Evidence(Kind.LOG_FILE, "big.log", log)));

        assertThat(d.known()).isFalse();
        assertThat(d.evidenceLines()).isNotEmpty().hasSizeLessThanOrEqualTo(FailureDiagnoser.UNKNOWN_LINES);
    }

    @Test
    void aHugeSingleLineIsCutNotChoked() {
        String line = "GatedRepoError " + "a".repeat(3 * 1024 * 1024) + " CUDA out of memory";

        List<Diagnosis> ranked = diagnoser.diagnose(List.of(new Evidence(Kind.LOG_FILE, "one line", line)));

        assertThat(ranked).extracting(Diagnosis::patternId).containsExactly("hf-gated-model");
        assertThat(ranked.getFirst().evidenceLines().getFirst()).hasSize(PatternMatcher.MAX_LINE_CHARS);
    }

    private static StringBuilder noise(int bytes) {
        StringBuilder out = new StringBuilder(bytes + 4096);
        for (int i = 0; out.length() < bytes; i++) {
            out.append(NOISE[i % NOISE.length]).append(i % 5 == 0 ? "\r\n" : "\n");
        }
        return out;
    }
}
