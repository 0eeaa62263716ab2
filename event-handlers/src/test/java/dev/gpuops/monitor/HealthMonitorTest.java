package dev.gpuops.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.event.CheckResult;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.HealthCheckFailed;
import dev.gpuops.event.HealthRecovered;
import dev.gpuops.event.IncidentOpened;
import dev.gpuops.event.IncidentResolved;
import dev.gpuops.event.IncidentUpdated;
import dev.gpuops.event.MonitorEvent;
import dev.gpuops.event.Verb;
import dev.gpuops.monitor.probe.CheckCatalog;
import dev.gpuops.monitor.probe.CheckDefinition;
import dev.gpuops.monitor.probe.Probe;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The monitor's wiring of state machine, incidents and remediation, with a scripted probe and a stepped clock. */
class HealthMonitorTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private volatile CheckResult.Status status = CheckResult.Status.OK;
    private final List<MonitorEvent> published = new CopyOnWriteArrayList<>();
    private final List<CommandReceived> commands = new CopyOnWriteArrayList<>();
    private HealthMonitor monitor;

    private HealthMonitor monitor(Target... targets) {
        Probe scripted = new Probe() {
            @Override
            public String key() {
                return "supervisor";
            }

            @Override
            public List<CheckResult> run(CheckDefinition check, Target target) {
                return List.of(new CheckResult(check.id(), status, status == CheckResult.Status.FAILING
                        ? "worker-gpu FATAL (Exited too quickly (process log may have details))" : "all RUNNING"));
            }
        };
        CheckCatalog catalog = new CheckCatalog(Map.of("ssh", List.of(
                new CheckDefinition("supervisor-programs", "supervisor", null, null))));
        MonitorSink sink = new MonitorSink() {
            @Override
            public void publish(MonitorEvent event) {
                published.add(event);
            }

            @Override
            public void command(CommandReceived command) {
                commands.add(command);
            }
        };
        monitor = new HealthMonitor(Targets.of(targets), new ProbeRunner(catalog, List.of(scripted), clock),
                new IncidentDesk(new IncidentBook(), Duration.ZERO, Duration.ofMinutes(2), 3),
                new Remediator(clock), sink, clock, null);
        return monitor;
    }

    @AfterEach
    void close() {
        monitor.close();
    }

    private static Target box(String name, Target.Environment environment, Target.Remediate remediate) {
        return new Target(name, "ssh", "C0ALERTS", environment, null, null,
                new Target.Supervisor(null, List.of("fastapi", "worker-gpu"), null), null, null, null, null, null,
                null, null, null, null, new Target.Monitor(null, Duration.ofSeconds(30), null, 3, 2, null),
                List.of("U0ONCALL"), remediate);
    }

    private void probes(int n, CheckResult.Status value) {
        status = value;
        for (int i = 0; i < n; i++) {
            monitor.tickAndWait();
            clock.advance(Duration.ofSeconds(30));
        }
    }

    @Test
    void aCrashOpensOneIncidentRestartsOnceEscalatesThenResolvesOnRecovery() {
        monitor(box("box-1", Target.Environment.STAGING, new Target.Remediate("once", null, null)));
        probes(3, CheckResult.Status.OK);
        assertThat(published).isEmpty();
        probes(3, CheckResult.Status.FAILING);
        assertThat(published).hasExactlyElementsOfTypes(HealthCheckFailed.class, IncidentOpened.class,
                IncidentUpdated.class, IncidentUpdated.class);
        assertThat(commands).hasSize(2);
        assertThat(commands.getFirst().verb()).isEqualTo(Verb.DIAGNOSE);
        assertThat(((IncidentUpdated) published.get(2)).incident().diagnoseRun())
                .isEqualTo(commands.getFirst().runId());
        assertThat(commands.getLast()).satisfies(c -> {
            assertThat(c.verb()).isEqualTo(Verb.RESTART);
            assertThat(c.inputs()).containsEntry("program", "worker-gpu");
            assertThat(c.origin().source()).isEqualTo("monitor");
        });
        String runId = commands.getLast().runId();
        assertThat(((IncidentUpdated) published.get(3)).incident().runs()).containsExactly(runId);

        monitor.runStarted("box-1", runId);
        probes(2, CheckResult.Status.FAILING);
        monitor.runFinished("box-1", runId);
        probes(2, CheckResult.Status.FAILING);
        assertThat(published).hasSize(4);
        probes(3, CheckResult.Status.FAILING);
        assertThat(commands).hasSize(2);
        assertThat(published).hasSize(5);
        assertThat(((IncidentUpdated) published.get(4)).change()).startsWith("escalated: still failing after "
                + "automatic action " + runId);

        probes(2, CheckResult.Status.OK);
        assertThat(published.subList(5, published.size()))
                .hasExactlyElementsOfTypes(HealthRecovered.class, IncidentResolved.class);
        IncidentResolved resolved = (IncidentResolved) published.getLast();
        assertThat(resolved.incident().id()).isEqualTo("inc-20261206-box-1");
        assertThat(resolved.by()).isEqualTo("monitor");
        assertThat(resolved.incident().timeToDetect()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void productionIsNotRemediatedUnlessItsPolicySaysSo() {
        monitor(box("box-prod", Target.Environment.PRODUCTION, new Target.Remediate("once", null, null)));
        probes(3, CheckResult.Status.FAILING);
        assertThat(commands).extracting(CommandReceived::verb).containsExactly(Verb.DIAGNOSE);
        assertThat(published.getLast()).isInstanceOfSatisfying(IncidentUpdated.class, u -> assertThat(u.change())
                .startsWith("automatic action refused: box-prod is production").contains("restart box-prod"));
    }

    @Test
    void productionWithPolicyIsRemediated() {
        monitor(box("box-prod", Target.Environment.PRODUCTION, new Target.Remediate("once", null, true)));
        probes(3, CheckResult.Status.FAILING);
        assertThat(commands).extracting(CommandReceived::verb).containsExactly(Verb.DIAGNOSE, Verb.RESTART);
    }

    @Test
    void withoutRemediateNothingRunsAndUnownedTargetsAreNotProbed() {
        monitor(box("box-1", Target.Environment.STAGING, null));
        monitor.ownership(t -> false);
        probes(5, CheckResult.Status.FAILING);
        assertThat(published).isEmpty();
        monitor.ownership(t -> true);
        probes(3, CheckResult.Status.FAILING);
        assertThat(commands).extracting(CommandReceived::verb).containsExactly(Verb.DIAGNOSE);
        assertThat(published).hasExactlyElementsOfTypes(HealthCheckFailed.class, IncidentOpened.class,
                IncidentUpdated.class);
    }

    @Test
    void muteByCommandSilencesAndUnknownTargetsAreRefused() {
        monitor(box("box-1", Target.Environment.STAGING, null));
        monitor.mute("box-1", clock.instant().plus(Duration.ofMinutes(10)));
        probes(6, CheckResult.Status.FAILING);
        assertThat(published).isEmpty();
        assertThat(monitor.describe("box-1")).get().asString().contains("muted");
        monitor.unmute("box-1");
        probes(3, CheckResult.Status.FAILING);
        assertThat(published).hasSize(3);
        assertThatThrownBy(() -> monitor.mute("nope", clock.instant())).hasMessageContaining("unknown target `nope`");
    }

    @Test
    void aDisabledTargetIsNeverProbed() {
        Target off = new Target("box-1", "ssh", "C0ALERTS", null, null, null,
                new Target.Supervisor(null, List.of("fastapi"), null), null, null, null, null, null, null, null,
                null, null, new Target.Monitor(false, null, null, null, null, null), null, null);
        monitor(off);
        probes(5, CheckResult.Status.FAILING);
        assertThat(published).isEmpty();
    }

    @Test
    void theViewForStatusSaysUnknownSinceWhenAndWhoProbes() {
        monitor(box("box-1", Target.Environment.STAGING, null));
        assertThat(monitor.view("box-1")).isEqualTo("not probed yet");
        probes(1, CheckResult.Status.OK);
        probes(2, CheckResult.Status.UNKNOWN);
        assertThat(monitor.view("box-1")).isEqualTo("unknown — supervisor-programs: all RUNNING since 10:00 UTC;"
                + " not alerting (state healthy)");
        assertThat(published).isEmpty();
        monitor.ownership(t -> false);
        assertThat(monitor.view("box-1")).startsWith("probed by another gpuops replica");
        assertThat(monitor.view("nope")).startsWith("not monitored");
    }
}
