package dev.gpuops.bot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GateTest {

    private static final Instant T = Instant.parse("2024-11-23T19:00:00Z");
    private final Gate gate = new Gate(Duration.ofSeconds(1), Duration.ofSeconds(2));

    @Test
    void opensOneIntervalAfterACallReturned() {
        assertThat(gate.isOpen(T)).isTrue();
        gate.called(T);
        assertThat(gate.isOpen(T.plusMillis(999))).isFalse();
        assertThat(gate.isOpen(T.plusSeconds(1))).isTrue();
    }

    @Test
    void honoursRetryAfterButNeverLessThanTheInterval() {
        gate.rateLimited(T, Duration.ofSeconds(30));
        assertThat(gate.openAt()).isEqualTo(T.plusSeconds(30));
        Gate fresh = new Gate(Duration.ofSeconds(1), Duration.ofSeconds(2));
        fresh.rateLimited(T, Duration.ZERO);
        assertThat(fresh.openAt()).isEqualTo(T.plusSeconds(1));
    }

    @Test
    void backsOffExponentiallyUpToAMinute() {
        gate.failed(T, 1);
        assertThat(gate.openAt()).isEqualTo(T.plusSeconds(2));
        gate.failed(T, 3);
        assertThat(gate.openAt()).isEqualTo(T.plusSeconds(8));
        gate.failed(T, 20);
        assertThat(gate.openAt()).isEqualTo(T.plusSeconds(60));
    }

    @Test
    void neverMovesBackwards() {
        gate.rateLimited(T, Duration.ofSeconds(10));
        gate.called(T.plusSeconds(1));
        assertThat(gate.openAt()).isEqualTo(T.plusSeconds(10));
    }

    @Test
    void aQuietChannelMaySendABurstThenOnePerInterval() {
        Gate burst = new Gate(Duration.ofSeconds(1), Duration.ofSeconds(2), 3);
        for (int i = 0; i < 3; i++) {
            assertThat(burst.isOpen(T)).as("call %d of the burst", i + 1).isTrue();
            burst.called(T);
        }
        assertThat(burst.isOpen(T.plusMillis(999))).isFalse();
        assertThat(burst.isOpen(T.plusSeconds(1))).isTrue();
        burst.called(T.plusSeconds(1));
        assertThat(burst.openAt()).isEqualTo(T.plusSeconds(2));
    }

    @Test
    void theBurstComesBackOnlyAsTimePasses() {
        Gate burst = new Gate(Duration.ofSeconds(1), Duration.ofSeconds(2), 3);
        burst.called(T);
        burst.called(T);
        burst.called(T);
        // two intervals after an exhausted burst: two calls' worth came back, not three
        Instant later = T.plusSeconds(2);
        assertThat(burst.isOpen(later)).isTrue();
        burst.called(later);
        assertThat(burst.isOpen(later)).isTrue();
        burst.called(later);
        assertThat(burst.isOpen(later)).isFalse();
        assertThat(burst.openAt()).isEqualTo(T.plusSeconds(3));
    }

    @Test
    void aRateLimitClosesABurstGateOutright() {
        Gate burst = new Gate(Duration.ofSeconds(1), Duration.ofSeconds(2), 3);
        burst.rateLimited(T, Duration.ofSeconds(5));
        assertThat(burst.isOpen(T.plusSeconds(4))).isFalse();
        assertThat(burst.openAt()).isEqualTo(T.plusSeconds(5));
    }
}
