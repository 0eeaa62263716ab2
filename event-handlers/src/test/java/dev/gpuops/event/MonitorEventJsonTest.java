package dev.gpuops.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every monitor event survives the wire: JSON with its type name, back to an equal record. */
class MonitorEventJsonTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Incident INCIDENT = new Incident("inc-20261206-box-1", "box-1", "ssh", "C0GPUOPS01",
            List.of("box-1"), Incident.Status.OPEN, T0.minusSeconds(60), T0,
            List.of(CheckResult.failing("supervisor-programs", "worker-gpu FATAL")), List.of("r-abcd1234"),
            List.of(new Incident.Entry(T0, "box-1 failing")), null, null, null, null, "r-diag0001");

    static Stream<MonitorEvent> events() {
        return Stream.of(
                new HealthCheckFailed("e1", T0, "box-1", "ssh", INCIDENT.failing(), T0.minusSeconds(60)),
                new HealthRecovered("e2", T0, "box-1", "ssh", T0.minusSeconds(60)),
                new TargetMuted("e3", T0, "box-1", T0.plusSeconds(3600), "U0ONCALL01"),
                new TargetUnmuted("e4", T0, "box-1", "U0ONCALL01"),
                new IncidentOpened("e5", T0, "box-1", INCIDENT),
                new IncidentUpdated("e6", T0, "box-1", INCIDENT, "automatic restart r-abcd1234 of worker-gpu"),
                new IncidentAcknowledged("e7", T0, "box-1", INCIDENT.acknowledged("U0ONCALL01"), "U0ONCALL01"),
                new IncidentResolved("e8", T0, "box-1", INCIDENT.resolved(T0.plusSeconds(300), "monitor"), "monitor",
                        null));
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTrips(MonitorEvent event) {
        String json = EventJson.writeString(event);
        assertThat(json).contains("\"type\":\"" + event.getClass().getSimpleName() + "\"");
        assertThat(EventJson.read(json.getBytes())).isEqualTo(event);
    }

    @Test
    void everyPermittedMonitorEventIsCovered() {
        Set<Class<?>> permitted = Stream.concat(Stream.of(MonitorEvent.class.getPermittedSubclasses()),
                Stream.of(IncidentEvent.class.getPermittedSubclasses())).filter(c -> !c.isInterface())
                .collect(Collectors.toSet());
        assertThat(events().map(Object::getClass).collect(Collectors.toSet())).isEqualTo(permitted);
    }
}
