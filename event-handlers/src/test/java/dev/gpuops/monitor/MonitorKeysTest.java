package dev.gpuops.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.target.ConfigException;
import dev.gpuops.target.Target;
import dev.gpuops.target.TargetsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The targets file's monitor, oncall, remediate and runpod monitor keys: bound, defaulted, and checked. */
class MonitorKeysTest {

    @TempDir
    Path dir;

    private Path file(String body) throws Exception {
        return Files.writeString(dir.resolve("targets.yaml"), "targets:\n" + body);
    }

    @Test
    void bindsTheKeysAndFillsDefaults() throws Exception {
        Target box = new TargetsLoader().load(file("""
                  box-1:
                    provider: ssh
                    environment: staging
                    ssh: { host: 10.0.0.5, user: root }
                    monitor: { interval: 10s, failAfter: 5 }
                    oncall: [U0123ABCD, S0456EFGH]
                    remediate: { restart: once }
                  sophia:
                    provider: runpod
                    environment: production
                    runpod: { endpointId: abc, stuckAfter: 2m }
                    monitor: { enabled: false }
                    remediate: { scaleToZeroOn: [init-loop, credit-burn] }
                """)).find("box-1").orElseThrow();
        MonitorPolicy policy = MonitorPolicy.of(box);
        assertThat(policy).isEqualTo(new MonitorPolicy(true, Duration.ofSeconds(10), Duration.ofSeconds(5), 5, 2,
                null));
        assertThat(box.oncall()).containsExactly("U0123ABCD", "S0456EFGH");
        assertThat(box.remediate().restartOnce()).isTrue();
    }

    @Test
    void badValuesAreReportedWithFileLineAndField() throws Exception {
        Path bad = file("""
                  box-1:
                    provider: ssh
                    environment: staging
                    ssh: { host: 10.0.0.5, user: root }
                    monitor: { failAfter: 0, interval: 0s }
                    oncall: [alice]
                    remediate: { restart: twice, scaleToZeroOn: [purge] }
                """);
        assertThatThrownBy(() -> new TargetsLoader().load(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets.box-1.monitor.failAfter: must be at least 1")
                .hasMessageContaining("targets.box-1.monitor.interval: must be longer than 0s")
                .hasMessageContaining("targets.box-1.oncall[0]: 'alice' is not a Slack user id")
                .hasMessageContaining("targets.box-1.remediate.restart: expected once or never, not 'twice'")
                .hasMessageContaining("unknown signal 'purge'");
    }
}
