package dev.gpuops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeSpreadTest {

    @Test
    void aTargetsSecondProbeComesWithinOneIntervalAtAPhaseOfItsOwn() {
        Duration interval = Duration.ofSeconds(10);
        Map<Long, Integer> perSecond = new HashMap<>();
        for (int i = 1; i <= 2000; i++) {
            Duration phase = HealthMonitor.phase(String.format("mon-%04d", i), interval);
            assertThat(phase).isPositive().isLessThanOrEqualTo(interval);
            perSecond.merge(Math.min(9, phase.toSeconds()), 1, Integer::sum);
        }
        assertThat(perSecond).as("2,000 targets spread over the 10 seconds of the interval").hasSize(10)
                .allSatisfy((second, count) -> assertThat(count).isBetween(120, 280));
        assertThat(HealthMonitor.phase("box-1", interval)).isEqualTo(HealthMonitor.phase("box-1", interval));
    }
}
