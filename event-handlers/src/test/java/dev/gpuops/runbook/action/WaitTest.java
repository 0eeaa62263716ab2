package dev.gpuops.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The waiting primitive on a settable clock: every pause advances the clock, nothing really sleeps. */
class WaitTest {

    private final SettableClock clock = new SettableClock();

    private TestStepContext context(Duration timeout) {
        return new TestStepContext(new Target("box-1", "ssh", "#c", null, null, null, null, null, null, null, null,
                null, null, null, null, java.util.Map.of()), new Services(),
                timeout, clock);
    }

    @Test
    void looksUntilTheConditionHoldsPausingOnTheStepClock() throws Exception {
        TestStepContext ctx = context(Duration.ofMinutes(5));
        List<Wait.Poll> polls = new ArrayList<>();

        Wait.Result<String> result = Wait.on(ctx).every(Duration.ofSeconds(10)).until(poll -> {
            polls.add(poll);
            return poll.number() < 3 ? Wait.pending("booting", "state-" + poll.number()) : Wait.done("up");
        });

        assertThat(result.ending()).isEqualTo(Wait.Ending.DONE);
        assertThat(result.value()).isEqualTo("up");
        assertThat(result.lastSeen()).isEqualTo("state-2");
        assertThat(result.looks()).isEqualTo(3);
        assertThat(result.elapsed()).isEqualTo(Duration.ofSeconds(20));
        assertThat(result.took()).isEqualTo("20s");
        assertThat(clock.totalSlept()).isEqualTo(Duration.ofSeconds(20));
        assertThat(polls).extracting(Wait.Poll::elapsed)
                .containsExactly(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    @Test
    void postsNewDetailAtOnceAndTheSameDetailOnlyAsAHeartbeatWithItsElapsedTime() throws Exception {
        TestStepContext ctx = context(Duration.ofMinutes(10));

        Wait.on(ctx).every(Duration.ofSeconds(10)).until(poll -> poll.number() <= 13
                ? Wait.pending("booting") : poll.number() == 14 ? Wait.pending("active, waiting for an IP")
                : Wait.done(true));

        assertThat(ctx.progressMessages()).containsExactly("booting (0s)", "booting (30s)", "booting (1m)",
                "booting (1m30s)", "booting (2m)", "active, waiting for an IP (2m10s)");
    }

    @Test
    void boundsTheRateOfChangingDetail() throws Exception {
        TestStepContext ctx = context(Duration.ofMinutes(10));

        Wait.on(ctx).every(Duration.ofSeconds(1)).until(poll -> poll.number() <= 12
                ? Wait.pending("refresh " + poll.number() * 8 + "%") : Wait.done(true));

        assertThat(ctx.progressMessages()).containsExactly("refresh 8% (0s)", "refresh 48% (5s)",
                "refresh 88% (10s)");
    }

    @Test
    void looksOnceMoreJustBeforeTheDeadlineThenStops() throws Exception {
        TestStepContext ctx = context(Duration.ofSeconds(35));

        Wait.Result<Object> result = Wait.on(ctx).every(Duration.ofSeconds(10))
                .until(poll -> Wait.pending("still " + poll.number()));

        assertThat(result.ending()).isEqualTo(Wait.Ending.DEADLINE);
        assertThat(result.looks()).isEqualTo(5);
        assertThat(result.elapsed()).isEqualTo(Duration.ofSeconds(34));
        assertThat(result.lastDetail()).isEqualTo("still 5");
        assertThat(clock.instant()).isBefore(ctx.deadline());
    }

    @Test
    void aCancelledRunEndsTheWaitWithoutAnotherLook() throws Exception {
        TestStepContext ctx = context(Duration.ofMinutes(5));
        AtomicInteger looks = new AtomicInteger();

        Wait.Result<Object> result = Wait.on(ctx).every(Duration.ofSeconds(10)).until(poll -> {
            if (looks.incrementAndGet() == 2) {
                ctx.cancel();
            }
            return Wait.pending("waiting");
        });

        assertThat(result.ending()).isEqualTo(Wait.Ending.CANCELLED);
        assertThat(looks).hasValue(2);
        assertThat(result.looks()).isEqualTo(2);
    }

    @Test
    void aRunCancelledBeforehandIsNotLookedAtAtAll() throws Exception {
        TestStepContext ctx = context(Duration.ofMinutes(5));
        ctx.cancel();

        Wait.Result<Object> result = Wait.on(ctx).until(poll -> {
            throw new AssertionError("looked although cancelled");
        });

        assertThat(result.ending()).isEqualTo(Wait.Ending.CANCELLED);
        assertThat(result.looks()).isZero();
    }

    @Test
    void probeOnceMeansOneLookAndNoPause() throws Exception {
        TestStepContext ctx = context(Duration.ofMinutes(1));
        AtomicInteger looks = new AtomicInteger();

        Wait.Result<Object> result = Wait.on(ctx).atMost(1).until(poll -> {
            looks.incrementAndGet();
            return Wait.pending("refused");
        });

        assertThat(result.ending()).isEqualTo(Wait.Ending.EXHAUSTED);
        assertThat(looks).hasValue(1);
        assertThat(clock.totalSlept()).isZero();
    }

    @Test
    void aFailingLookEndsTheWaitWithItsFailure() {
        TestStepContext ctx = context(Duration.ofMinutes(1));

        assertThatThrownBy(() -> Wait.on(ctx).until(poll -> {
            throw StepFailure.permanent("host key changed");
        })).isInstanceOf(StepFailure.class).hasMessage("host key changed");
        assertThat(clock.totalSlept()).isZero();
    }

    @Test
    void rejectsNonsenseSettings() {
        TestStepContext ctx = context(Duration.ofMinutes(1));
        assertThatThrownBy(() -> Wait.on(ctx).atMost(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wait.on(ctx).every(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
