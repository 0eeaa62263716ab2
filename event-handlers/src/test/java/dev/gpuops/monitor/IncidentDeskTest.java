package dev.gpuops.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.event.CheckResult;
import dev.gpuops.event.HealthCheckFailed;
import dev.gpuops.event.Incident;
import dev.gpuops.event.IncidentAcknowledged;
import dev.gpuops.event.IncidentEvent;
import dev.gpuops.event.IncidentOpened;
import dev.gpuops.event.IncidentResolved;
import dev.gpuops.event.IncidentUpdated;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentDeskTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private final IncidentBook book = new IncidentBook();
    private final IncidentDesk desk = new IncidentDesk(book, Duration.ofSeconds(10), Duration.ofMinutes(2), 3);

    private static Target target(String name, String provider) {
        return new Target(name, provider, "C0ALERTS", null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static HealthCheckFailed failed(String target, String provider, Instant at) {
        return new HealthCheckFailed("e-" + target + at, at, target, provider,
                List.of(CheckResult.failing("supervisor-programs", "worker-gpu FATAL")), at.minusSeconds(60));
    }

    private List<IncidentEvent> fail(String name, String provider, Instant at) {
        return desk.failed(target(name, provider), failed(name, provider, at));
    }

    @Test
    void opensOneIncidentPerFailingTargetAfterTheHold() {
        assertThat(fail("box-1", "ssh", T0)).isEmpty();
        assertThat(desk.flush(T0.plusSeconds(5))).isEmpty();
        List<IncidentEvent> opened = desk.flush(T0.plusSeconds(10));
        assertThat(opened).singleElement().isInstanceOf(IncidentOpened.class);
        Incident incident = opened.getFirst().incident();
        assertThat(incident.id()).isEqualTo("inc-20261206-box-1");
        assertThat(incident.members()).containsExactly("box-1");
        assertThat(incident.timeToDetect()).isEqualTo(Duration.ofSeconds(70));
        assertThat(incident.timeline().getFirst().text()).contains("worker-gpu FATAL");
        assertThat(book.openFor("box-1")).contains(incident);
    }

    @Test
    void aSecondFailureOfAnOpenTargetUpdatesItsIncident() {
        fail("box-1", "ssh", T0);
        desk.flush(T0.plusSeconds(10));
        List<IncidentEvent> again = fail("box-1", "ssh", T0.plusSeconds(60));
        assertThat(again).singleElement().isInstanceOf(IncidentUpdated.class);
        assertThat(desk.flush(T0.plusSeconds(120))).isEmpty();
        assertThat(book.open()).hasSize(1);
    }

    @Test
    void recoveryResolvesWithDurationsAndTheNextIncidentGetsASuffix() {
        fail("box-1", "ssh", T0);
        desk.flush(T0.plusSeconds(10));
        List<IncidentEvent> resolved = desk.recovered(target("box-1", "ssh"), T0.plusSeconds(300));
        assertThat(resolved).singleElement().isInstanceOf(IncidentResolved.class);
        Incident incident = resolved.getFirst().incident();
        assertThat(incident.open()).isFalse();
        assertThat(incident.duration()).isEqualTo(Duration.ofSeconds(360));
        assertThat(incident.timeToRecover()).isEqualTo(Duration.ofSeconds(290));
        fail("box-1", "ssh", T0.plusSeconds(600));
        assertThat(desk.flush(T0.plusSeconds(610))).singleElement()
                .extracting(e -> e.incident().id()).isEqualTo("inc-20261206-box-1-2");
        fail("box-2", "ssh", T0.plusSeconds(900));
        desk.recovered(target("box-1", "ssh"), T0.plusSeconds(901));
        fail("box-1", "ssh", T0.plusSeconds(1200));
        assertThat(desk.flush(T0.plusSeconds(1300))).extracting(e -> e.incident().id())
                .containsExactly("inc-20261206-box-2", "inc-20261206-box-1-3");
    }

    @Test
    void fiveRunPodTargetsFailingTogetherOpenOneProviderWideIncident() {
        for (int i = 1; i <= 5; i++) {
            fail("sophia-" + i, "runpod", T0.plusSeconds(i));
        }
        fail("box-1", "ssh", T0.plusSeconds(3));
        List<IncidentEvent> events = desk.flush(T0.plusSeconds(20));
        List<IncidentOpened> opened = events.stream().filter(IncidentOpened.class::isInstance)
                .map(IncidentOpened.class::cast).toList();
        assertThat(opened).extracting(e -> e.incident().id())
                .containsExactlyInAnyOrder("inc-20261206-runpod", "inc-20261206-box-1");
        Incident wide = book.find("inc-20261206-runpod").orElseThrow();
        assertThat(wide.providerWide()).isTrue();
        assertThat(wide.members()).containsExactly("sophia-1", "sophia-2", "sophia-3", "sophia-4", "sophia-5");
        assertThat(book.openFor("sophia-4")).contains(wide);
    }

    @Test
    void aLateProviderFailureJoinsTheProviderWideIncidentAndItResolvesWhenAllRecover() {
        for (int i = 1; i <= 3; i++) {
            fail("sophia-" + i, "runpod", T0);
        }
        desk.flush(T0.plusSeconds(10));
        fail("sophia-4", "runpod", T0.plusSeconds(30));
        assertThat(desk.flush(T0.plusSeconds(40))).singleElement().isInstanceOf(IncidentUpdated.class);
        assertThat(book.open()).hasSize(1);
        List<IncidentEvent> events = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            events.addAll(desk.recovered(target("sophia-" + i, "runpod"), T0.plusSeconds(100 + i)));
        }
        assertThat(events).hasSize(4);
        assertThat(events.subList(0, 3)).allMatch(IncidentUpdated.class::isInstance);
        assertThat(events.getLast()).isInstanceOf(IncidentResolved.class);
    }

    @Test
    void twoFailuresOfAProviderStayIndividual() {
        fail("sophia-1", "runpod", T0);
        fail("sophia-2", "runpod", T0);
        assertThat(desk.flush(T0.plusSeconds(10))).extracting(e -> e.incident().id())
                .containsExactly("inc-20261206-sophia-1", "inc-20261206-sophia-2");
    }

    @Test
    void aTargetThatRecoversDuringTheHoldOpensNothing() {
        fail("box-1", "ssh", T0);
        assertThat(desk.recovered(target("box-1", "ssh"), T0.plusSeconds(5))).isEmpty();
        assertThat(desk.flush(T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void ackAndResolveByHandAndTheirErrors() {
        fail("box-1", "ssh", T0);
        desk.flush(T0.plusSeconds(10));
        IncidentAcknowledged acked = book.acknowledge("inc-20261206-box-1", "U0ALICE", T0.plusSeconds(20));
        assertThat(acked.incident().status()).isEqualTo(Incident.Status.ACKNOWLEDGED);
        assertThatThrownBy(() -> book.acknowledge("inc-20261206-box-1", "U0BOB", T0.plusSeconds(21)))
                .hasMessageContaining("already acknowledged by <@U0ALICE>");
        IncidentResolved resolved = book.resolve("inc-20261206-box-1", "U0BOB", "rolled back", T0.plusSeconds(30));
        assertThat(resolved.incident().resolvedBy()).isEqualTo("U0BOB");
        assertThat(resolved.incident().timeline().getLast().text()).isEqualTo("resolved by <@U0BOB>: rolled back");
        assertThatThrownBy(() -> book.resolve("inc-20261206-box-1", "U0BOB", null, T0.plusSeconds(31)))
                .isInstanceOf(IncidentException.class).hasMessageContaining("already resolved");
        assertThatThrownBy(() -> book.acknowledge("inc-nope", "U0BOB", T0))
                .hasMessage("no incident inc-nope; `/gpu incidents` lists the open ones");
    }

    @Test
    void aRestartedBookRebuildsFromTheEventsItPublished() {
        List<IncidentEvent> published = new ArrayList<>();
        fail("box-1", "ssh", T0);
        published.addAll(desk.flush(T0.plusSeconds(10)));
        published.add(book.acknowledge("inc-20261206-box-1", "U0ALICE", T0.plusSeconds(20)));
        IncidentBook restarted = new IncidentBook();
        published.forEach(restarted::apply);
        assertThat(restarted.openFor("box-1")).get().extracting(Incident::acknowledgedBy).isEqualTo("U0ALICE");
        assertThat(new IncidentDesk(restarted, Duration.ZERO, Duration.ofMinutes(2), 3)
                .failed(target("box-1", "ssh"), failed("box-1", "ssh", T0.plusSeconds(30))))
                .singleElement().isInstanceOf(IncidentUpdated.class);
    }

    /** Two replicas' desks hear the same failures; each incident is written by one of them. */
    @Test
    void withTwoReplicasOnlyTheOwnerWritesATargetsIncidentAndOnlyTheProvidersOwnerTheGroup() {
        IncidentBook otherBook = new IncidentBook();
        IncidentDesk other = new IncidentDesk(otherBook, Duration.ofSeconds(10), Duration.ofMinutes(2), 3);
        java.util.Set<String> mine = java.util.Set.of("box-1", "pod-1", "pod-2");
        desk.ownership(mine::contains);
        other.ownership(key -> !mine.contains(key));

        for (IncidentDesk d : List.of(desk, other)) {
            d.failed(target("box-1", "ssh"), failed("box-1", "ssh", T0));
        }
        assertThat(desk.flush(T0.plusSeconds(10))).singleElement().isInstanceOf(IncidentOpened.class);
        assertThat(other.flush(T0.plusSeconds(10))).isEmpty();

        for (String pod : List.of("pod-1", "pod-2", "pod-3", "pod-4")) {
            for (IncidentDesk d : List.of(desk, other)) {
                d.failed(target(pod, "runpod"), failed(pod, "runpod", T0.plusSeconds(20)));
            }
        }
        assertThat(desk.flush(T0.plusSeconds(30))).as("pod-1 and pod-2 join the group, which is not ours")
                .isEmpty();
        List<IncidentEvent> group = other.flush(T0.plusSeconds(30));
        assertThat(group).singleElement().satisfies(e -> {
            assertThat(e.incident().providerWide()).isTrue();
            assertThat(e.incident().members()).containsExactlyInAnyOrder("pod-1", "pod-2", "pod-3", "pod-4");
        });
        book.apply(group.getFirst());
        assertThat(desk.recovered(target("pod-1", "runpod"), T0.plusSeconds(60))).as("not the writer").isEmpty();
        assertThat(other.recovered(target("pod-1", "runpod"), T0.plusSeconds(60))).singleElement()
                .isInstanceOf(IncidentUpdated.class);
    }
}
