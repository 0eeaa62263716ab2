package dev.gpuops.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.audit.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The approval, plan and audit records survive the trip through Kafka's JSON unchanged, type name included. */
class ApprovalEventJsonTest {

    private static final Instant AT = Instant.parse("2026-12-06T12:00:00Z");

    static List<GpuopsEvent> events() {
        return List.of(
                new ApprovalRequested("e-1", AT, "box-1", "r-1", "purge", "runpod.purge_queue",
                        "purge drops 37 queued jobs", "U0ALICE", "<!subteam^S0SRE>", AT.plusSeconds(900)),
                new ApprovalGranted("e-2", AT, "box-1", "r-1", "purge", "U0BOB", "bob"),
                new ApprovalDenied("e-3", AT, "box-1", "r-1", "purge", "U0BOB", "bob"),
                new ApprovalExpired("e-4", AT, "box-1", "r-1", "purge", Duration.ofMinutes(15)),
                new ApprovalSubmitted("e-5", AT, "box-1", "r-1", "purge", true,
                        new Origin("slack", "C0OPS", "U0BOB", "bob", "t-1")),
                new RunPlanned("e-6", AT, "box-1", "r-1", List.of(new RunPlanned.PlannedStep("purge",
                        "runpod.purge_queue", "{}", true, true, "purge drops 2 queued jobs", null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void roundTripsWithItsTypeName(GpuopsEvent event) {
        byte[] json = EventJson.write(event);

        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"type\":\"" + event.getClass().getSimpleName() + "\"");
        assertThat(EventJson.read(json)).isEqualTo(event);
    }

    @Test
    void anAuditRecordRoundTrips() throws Exception {
        AuditRecord record = new AuditRecord("a-1", AT, "box-1", "r-1", "U0BOB", "slack", "approve step purge",
                "refused", "Refused: you asked for this run");
        byte[] json = EventJson.mapper().writeValueAsBytes(record);
        assertThat(EventJson.mapper().readValue(json, AuditRecord.class)).isEqualTo(record);
    }
}
