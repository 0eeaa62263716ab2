package dev.gpuops.runbook.action.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.provider.runpod.EndpointHealth;
import dev.gpuops.runbook.action.runpod.InitLoopWatch.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kill-loop decision on hand-made /health series, including what polling alone cannot see. */
class InitLoopWatchTest {

    private static final Instant T0 = Instant.parse("2026-02-08T03:00:00Z");

    private static EndpointHealth workers(int ready, int initializing, int unhealthy, int throttled) {
        return new EndpointHealth(new EndpointHealth.Jobs(0, 0, 0, 1, 0),
                new EndpointHealth.Workers(ready, initializing, ready, 0, throttled, unhealthy), List.of());
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private final InitLoopWatch watch = new InitLoopWatch(1, 2, Duration.ofSeconds(420), T0);

    @Test
    void readyAsSoonAsEnoughWorkersAreUp() {
        assertThat(watch.observe(at(0), workers(0, 1, 0, 0))).isEqualTo(Verdict.WAITING);
        assertThat(watch.observe(at(300), workers(1, 0, 0, 0))).isEqualTo(Verdict.READY);
    }

    @Test
    void countsEachNewUnhealthyWorkerOnceAndStopsAtTheLimit() {
        assertThat(watch.observe(at(0), workers(0, 1, 0, 0))).isEqualTo(Verdict.WAITING);
        assertThat(watch.observe(at(421), workers(0, 0, 1, 0))).isEqualTo(Verdict.WAITING);
        assertThat(watch.observe(at(425), workers(0, 0, 1, 0))).isEqualTo(Verdict.WAITING);
        assertThat(watch.observe(at(431), workers(0, 1, 0, 0))).isEqualTo(Verdict.WAITING);
        assertThat(watch.observe(at(852), workers(0, 0, 1, 0))).isEqualTo(Verdict.KILL_LOOP);
        assertThat(watch.reason()).startsWith("2 worker kill(s) seen");
        assertThat(watch.timeline()).hasSize(4);
    }

    @Test
    void initializingLongerThanTheTimeoutIsALoopEvenWhenNoKillWasSeen() {
        assertThat(watch.observe(at(0), workers(0, 1, 0, 0))).isEqualTo(Verdict.WAITING);
        assertThat(watch.observe(at(300), workers(0, 1, 0, 0))).isEqualTo(Verdict.WAITING);
        assertThat(watch.observe(at(479), workers(0, 1, 0, 0))).isEqualTo(Verdict.WAITING);

        assertThat(watch.observe(at(480), workers(0, 1, 0, 0))).isEqualTo(Verdict.KILL_LOOP);
        assertThat(watch.reason()).contains("longer than RUNPOD_INIT_TIMEOUT=420s");
    }

    @Test
    void throttledWorkersAreWaitingForCapacityNotLooping() {
        for (int s = 0; s <= 3600; s += 600) {
            assertThat(watch.observe(at(s), workers(0, 0, 0, 2))).isEqualTo(Verdict.WAITING);
        }
    }

    @Test
    void noWorkersForThreePollsGivesUp() {
        assertThat(watch.observe(at(0), workers(0, 0, 0, 0))).isEqualTo(Verdict.WAITING);
        assertThat(watch.observe(at(10), workers(0, 0, 0, 0))).isEqualTo(Verdict.WAITING);
        assertThat(watch.observe(at(20), workers(0, 0, 0, 0))).isEqualTo(Verdict.NO_WORKERS);
    }
}
