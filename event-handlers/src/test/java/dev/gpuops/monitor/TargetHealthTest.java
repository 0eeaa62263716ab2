package dev.gpuops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetHealthTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private Instant now = T0;
    private final TargetHealth health = new TargetHealth("box-1",
            new MonitorPolicy(true, Duration.ofSeconds(30), Duration.ofSeconds(5), 3, 2, null));

    private Optional<Transition> probe(CheckResult.Status status) {
        now = now.plusSeconds(30);
        return health.observe(new ProbeRound("box-1", now, List.of(
                new CheckResult("supervisor-programs", status, "worker-gpu " + status))));
    }

    @Test
    void failsOnlyAfterFailAfterConsecutiveFailures() {
        Instant first = now.plusSeconds(30);
        assertThat(probe(CheckResult.Status.FAILING)).isEmpty();
        assertThat(health.state()).isEqualTo(HealthState.SUSPECT);
        assertThat(probe(CheckResult.Status.FAILING)).isEmpty();
        Optional<Transition> third = probe(CheckResult.Status.FAILING);
        assertThat(third).get().isInstanceOf(Transition.Failed.class);
        Transition.Failed failed = (Transition.Failed) third.get();
        assertThat(failed.since()).isEqualTo(first);
        assertThat(failed.failing()).extracting(CheckResult::check).containsExactly("supervisor-programs");
        assertThat(health.state()).isEqualTo(HealthState.FAILING);
        assertThat(probe(CheckResult.Status.FAILING)).isEmpty();
    }

    @Test
    void aPassingProbeResetsASuspect() {
        probe(CheckResult.Status.FAILING);
        probe(CheckResult.Status.FAILING);
        probe(CheckResult.Status.OK);
        assertThat(health.state()).isEqualTo(HealthState.HEALTHY);
        probe(CheckResult.Status.FAILING);
        assertThat(probe(CheckResult.Status.FAILING)).isEmpty();
        assertThat(probe(CheckResult.Status.FAILING)).get().isInstanceOf(Transition.Failed.class);
    }

    @Test
    void unknownProbesNeitherFailNorRecover() {
        for (int i = 0; i < 10; i++) {
            assertThat(probe(CheckResult.Status.UNKNOWN)).isEmpty();
        }
        assertThat(health.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(health.describe(now)).startsWith("unknown — ").contains("; not alerting (state healthy)");
        failThreeTimes();
        for (int i = 0; i < 5; i++) {
            assertThat(probe(CheckResult.Status.UNKNOWN)).isEmpty();
        }
        assertThat(health.state()).isEqualTo(HealthState.FAILING);
    }

    @Test
    void recoversAfterRecoverAfterPasses() {
        Instant since = now.plusSeconds(30);
        failThreeTimes();
        assertThat(probe(CheckResult.Status.OK)).get().isInstanceOf(Transition.Recovering.class);
        assertThat(health.state()).isEqualTo(HealthState.RECOVERING);
        Optional<Transition> recovered = probe(CheckResult.Status.OK);
        assertThat(recovered).get().isEqualTo(new Transition.Recovered(since));
        assertThat(health.state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aFlapRelapsesWithoutASecondFailure() {
        failThreeTimes();
        probe(CheckResult.Status.OK);
        assertThat(probe(CheckResult.Status.FAILING)).get().isInstanceOf(Transition.Relapsed.class);
        assertThat(health.state()).isEqualTo(HealthState.FAILING);
        assertThat(probe(CheckResult.Status.FAILING)).isEmpty();
        assertThat(probe(CheckResult.Status.FAILING)).isEmpty();
    }

    @Test
    void aRunMutesItsTargetUntilRecoverAfterProbesAfterItEnds() {
        health.runStarted("r-1");
        for (int i = 0; i < 6; i++) {
            assertThat(probe(CheckResult.Status.FAILING)).isEmpty();
        }
        assertThat(health.describe(now)).contains("muted during run r-1");
        health.runFinished("r-1");
        assertThat(probe(CheckResult.Status.FAILING)).isEmpty();
        assertThat(probe(CheckResult.Status.FAILING)).isEmpty();
        assertThat(health.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(probe(CheckResult.Status.FAILING)).isEmpty();
        assertThat(probe(CheckResult.Status.FAILING)).isEmpty();
        assertThat(probe(CheckResult.Status.FAILING)).get().isInstanceOf(Transition.Failed.class);
    }

    @Test
    void aRunDoesNotStopAFailingTargetFromRecovering() {
        failThreeTimes();
        health.runStarted("r-restart");
        probe(CheckResult.Status.OK);
        assertThat(probe(CheckResult.Status.OK)).get().isInstanceOf(Transition.Recovered.class);
    }

    @Test
    void anExplicitMuteExpiresOnItsOwn() {
        health.muteUntil(now.plus(Duration.ofMinutes(2)));
        for (int i = 0; i < 3; i++) {
            assertThat(probe(CheckResult.Status.FAILING)).isEmpty();
        }
        assertThat(health.state()).isEqualTo(HealthState.HEALTHY);
        probe(CheckResult.Status.FAILING);
        probe(CheckResult.Status.FAILING);
        assertThat(probe(CheckResult.Status.FAILING)).get().isInstanceOf(Transition.Failed.class);
    }

    @Test
    void unmuteRestoresAlertsAtOnce() {
        health.muteUntil(now.plus(Duration.ofHours(1)));
        probe(CheckResult.Status.FAILING);
        health.unmute();
        probe(CheckResult.Status.FAILING);
        probe(CheckResult.Status.FAILING);
        assertThat(probe(CheckResult.Status.FAILING)).get().isInstanceOf(Transition.Failed.class);
    }

    private void failThreeTimes() {
        probe(CheckResult.Status.FAILING);
        probe(CheckResult.Status.FAILING);
        assertThat(probe(CheckResult.Status.FAILING)).get().isInstanceOf(Transition.Failed.class);
    }

    @Test
    void describeSaysSinceWhenAProbeCouldNotTellAndThatNothingIsAlerted() {
        assertThat(health.describe(now)).isEqualTo("not probed yet");
        probe(CheckResult.Status.OK);
        assertThat(health.describe(now)).isEqualTo("healthy (last probe 10:00 UTC)");
        now = Instant.parse("2026-12-06T16:01:30Z");
        health.observe(new ProbeRound("box-1", now, List.of(new CheckResult("lambda-status",
                CheckResult.Status.UNKNOWN, "Lambda API unreachable (timeout)"))));
        probe(CheckResult.Status.UNKNOWN);
        assertThat(health.unknownSince()).contains(Instant.parse("2026-12-06T16:01:30Z"));
        assertThat(health.describe(now)).isEqualTo("unknown — supervisor-programs: worker-gpu UNKNOWN since 16:01"
                + " UTC; not alerting (state healthy)");
        probe(CheckResult.Status.OK);
        assertThat(health.unknownSince()).isEmpty();
        failThreeTimes();
        assertThat(health.describe(now)).startsWith("failing since 16:03 UTC: supervisor-programs: worker-gpu FAILING");
        probe(CheckResult.Status.UNKNOWN);
        assertThat(health.describe(now)).endsWith("; the open incident stays as it was (failing)");
    }
}
