package dev.gpuops.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.StepStarted;
import dev.gpuops.event.ApprovalExpired;
import dev.gpuops.event.ApprovalRequested;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepPlan;
import dev.gpuops.event.Verb;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** box-1, the plain SSH host with supervisord (issue 2), through every shipped ssh runbook. */
@ExtendWith(SeedWorldExtension.class)
@Timeout(60)
class SshBoxSeedIT {

    static final String BOX = "box-1";

    static Stream<SeedCase> cases() {
        return Stream.of(
                SeedCase.succeeds("deploy box-1 canary", BOX, Verb.DEPLOY).input("tag", "canary")
                        .verify((w, r) -> {
                            assertThat(r.summary("services")).get().asString()
                                    .contains("fastapi RUNNING", "worker-gpu RUNNING");
                            assertThat(w.sims.box1.commandLog()).anyMatch(c -> c.contains("restart.sh --tag canary"));
                        }),
                SeedCase.notApplied("deploy box-1 without a restart command is not applied", BOX, Verb.DEPLOY)
                        .input("tag", "canary")
                        .targetsEdit(t -> t.replace("      restartCommand: /opt/worker/restart.sh --tag {tag}\n", "")
                                .replaceFirst("    runtime:\n    health", "    health"))
                        .verify((w, r) -> {
                            assertThat(r.finished().summary()).contains("was not switched to canary",
                                    "runtime.restartCommand", "nothing was restarted");
                            assertThat(r.summary("restart")).isEmpty();
                            assertThat(r.events()).noneMatch(e -> e instanceof StepStarted s
                                    && s.stepId().equals("services"));
                        }),
                SeedCase.findsProblems("status box-1 after a crash names the cause, as diagnose does", BOX,
                                Verb.STATUS)
                        .before(w -> w.sims.box1.fail("app-crash")).after(SshBoxSeedIT::mend)
                        .diagnosed("verdict", "python-dependency-missing")
                        .verify((w, r) -> assertThat(r.finished().summary())
                                .startsWith("box-1: unhealthy — services: 3 programs FATAL (fastapi, worker-cpu,"
                                        + " worker-gpu); health: ").contains("not healthy (probed once)")),
                SeedCase.succeeds("status box-1", BOX, Verb.STATUS),
                SeedCase.succeeds("logs box-1 worker-gpu", BOX, Verb.LOGS).input("program", "worker-gpu")
                        .verify((w, r) -> assertThat(r.summary("show")).get().asString()
                                .contains("polling task queue video-processing@gpu")),
                SeedCase.succeeds("logs box-1 (configured files)", BOX, Verb.LOGS)
                        .verify((w, r) -> assertThat(r.summary("show")).get().asString()
                                .contains("/var/log/fastapi.log", "Uvicorn running")),
                SeedCase.succeeds("restart box-1 worker-gpu", BOX, Verb.RESTART).input("program", "worker-gpu")
                        .verify((w, r) -> assertThat(r.summary("restart")).get().asString()
                                .contains("restarted worker-gpu")),
                SeedCase.succeeds("diagnose healthy box-1", BOX, Verb.DIAGNOSE),
                SeedCase.succeeds("promote box-1 canary", BOX, Verb.PROMOTE)
                        .verify((w, r) -> assertThat(w.sims.registry.digest("acme/worker", "stable"))
                                .isEqualTo(w.sims.registry.digest("acme/worker", "canary")).isPresent()),
                SeedCase.cancelled("restart on production waits for an approval nobody gives", "box-prod",
                                Verb.RESTART).input("program", "worker-gpu")
                        .verify((w, r) -> {
                            assertThat(r.events()).noneMatch(e -> e instanceof StepStarted s
                                    && s.stepId().equals("restart"));
                            ApprovalRequested asked = r.events().stream().filter(ApprovalRequested.class::isInstance)
                                    .map(ApprovalRequested.class::cast).findFirst().orElseThrow();
                            String pid = w.exec("box-prod", "supervisorctl pid worker-gpu").stdout().trim();
                            assertThat(asked.blastRadius()).as("pid and uptime read from the real supervisord")
                                    .startsWith("restart stops worker-gpu (pid " + pid + ", up ");
                            assertThat(r.events()).anyMatch(ApprovalExpired.class::isInstance);
                        }),
                SeedCase.succeeds("status on production runs without asking anyone", "box-prod", Verb.STATUS)
                        .verify((w, r) -> {
                            assertThat(r.events()).noneMatch(ApprovalRequested.class::isInstance);
                            assertThat(r.events()).filteredOn(RunStarted.class::isInstance)
                                    .map(e -> ((RunStarted) e).steps()).singleElement()
                                    .satisfies(steps -> assertThat(steps).filteredOn(s -> s.action()
                                            .equals("ssh.supervisorctl")).singleElement()
                                            .as("supervisorctl status is judged by its op")
                                            .extracting(StepPlan::destructive).isEqualTo(false));
                        }),
                SeedCase.fails("deploy box-1 while the app crashes", BOX, Verb.DEPLOY)
                        .before(w -> w.sims.box1.fail("app-crash")).after(SshBoxSeedIT::mend)
                        .diagnosed("restart", "supervisor-fatal"),
                SeedCase.findsProblems("status box-1 with supervisord down", BOX, Verb.STATUS)
                        .before(w -> w.sims.box1.fail("supervisor-down")).after(SshBoxSeedIT::mend)
                        .diagnosed("verdict", "supervisord-unreachable"),
                SeedCase.fails("restart box-1 worker-gpu that crashes", BOX, Verb.RESTART)
                        .input("program", "worker-gpu")
                        .before(w -> w.sims.box1.fail("app-crash")).after(SshBoxSeedIT::mend)
                        .diagnosed("restart", "supervisor-fatal"),
                SeedCase.fails("logs box-1 with supervisord down", BOX, Verb.LOGS).input("program", "fastapi")
                        .before(w -> w.sims.box1.fail("supervisor-down")).after(SshBoxSeedIT::mend)
                        .diagnosed("logs", "supervisord-unreachable"),
                SeedCase.findsProblems("diagnose box-1 after a crash", BOX, Verb.DIAGNOSE)
                        .before(w -> w.sims.box1.fail("app-crash")).after(SshBoxSeedIT::mend)
                        .diagnosed("verdict", "python-dependency-missing"),
                SeedCase.fails("promote is refused while box-1 is down", BOX, Verb.PROMOTE)
                        .before(w -> {
                            w.exec(BOX, "supervisorctl stop worker-gpu");
                            w.sims.registry.manifest("acme/worker", "canary", "application/vnd.docker"
                                    + ".distribution.manifest.v2+json", SeedSimulators.manifest(7));
                        })
                        .after(SshBoxSeedIT::mend)
                        .diagnosed("services", "supervisor-program-stopped")
                        .verify((w, r) -> assertThat(w.sims.registry.digest("acme/worker", "stable"))
                                .isNotEqualTo(w.sims.registry.digest("acme/worker", "canary"))));
    }

    /** Heals the faults and brings every program back, as an operator would. */
    static void mend(SeedWorld world) {
        world.sims.box1.heal();
        world.exec(BOX, "supervisorctl start all");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runbookOnBox1(SeedCase seed, SeedWorld world) {
        seed.check(world);
    }
}
