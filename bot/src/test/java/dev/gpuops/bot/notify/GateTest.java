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
}
