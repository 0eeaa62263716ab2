package dev.gpuops.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureDiagnosedJsonTest {

    private static final Instant T0 = Instant.parse("2026-12-06T13:00:00Z");

    @Test
    void runnerUpsRoundTripOnTheWire() {
        FailureDiagnosed sent = new FailureDiagnosed("e-1", T0, "box-1", "r-1", "health", "image-pull-failed", 0.76,
                "Image pull failed.", "Check the registry.", List.of("Failed to pull image"), null,
                List.of(new FailureDiagnosed.Alternative("provider-rate-limited", "Provider rate limit", 0.65)));

        GpuopsEvent received = EventJson.read(EventJson.write(sent));

        assertThat(received).isEqualTo(sent);
        assertThat(((FailureDiagnosed) received).alsoPossible()).singleElement()
                .extracting(FailureDiagnosed.Alternative::patternId).isEqualTo("provider-rate-limited");
    }

    @Test
    void aDiagnosisWrittenWithoutRunnerUpsReadsAsNone() {
        FailureDiagnosed old = new FailureDiagnosed("e-2", T0, "box-1", "r-1", "health", "cuda-oom", 0.9,
                "CUDA out of memory.", "Use a bigger GPU.", List.of("CUDA out of memory"), null);
        String json = EventJson.writeString(old).replace(",\"alsoPossible\":[]", "");

        FailureDiagnosed read = (FailureDiagnosed) EventJson.read(json.getBytes(StandardCharsets.UTF_8));

        assertThat(json).doesNotContain("alsoPossible");
        assertThat(read.alsoPossible()).isEmpty();
        assertThat(read).isEqualTo(old);
    }
}
