package dev.gpuops.bot.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.FailureDiagnosed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentPlaceTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aPlaceWithItsDiagnosisSurvivesTheTopicsJson() {
        IncidentPlace place = new IncidentPlace("inc-20261206-box-1", "C0INC0001", "C0OPS0001", "1765015200.000100",
                "1765015201.000200", "r-diag0001", new FailureDiagnosed("e-d", T0, "box-1", "r-diag0001", "verdict",
                "supervisor-fatal", 0.9, "the program exits right after start", "read its log",
                List.of("worker-gpu FATAL"), null), 4, T0.plusSeconds(300), null);

        IncidentPlace read = EventJson.mapper().readValue(EventJson.mapper().writeValueAsBytes(place),
                IncidentPlace.class);

        assertThat(read).isEqualTo(place);
        assertThat(read.archived(T0.plusSeconds(900)).archivedAt()).isEqualTo(T0.plusSeconds(900));
    }

    @Test
    void theArchiveSweepRunsOftenEnoughForShortDelaysAndAtMostOnceAMinute() {
        assertThat(IncidentArchiver.period(Duration.ofDays(7))).isEqualTo(Duration.ofMinutes(1));
        assertThat(IncidentArchiver.period(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(30));
        assertThat(IncidentArchiver.period(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    }
}
