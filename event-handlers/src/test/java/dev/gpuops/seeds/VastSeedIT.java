package dev.gpuops.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.StepFailed;
import dev.gpuops.event.Verb;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeds 001/002: the huihuang runtime on a Vast instance, through every shipped vast runbook. */
@ExtendWith(SeedWorldExtension.class)
@Timeout(60)
class VastSeedIT {

    static final String HUIHUANG = "huihuang";
    private static final String REPO = "huihuang/runtime";
    private static final String MODEL = SeedSimulators.MODEL_PATHS.getFirst();

    static Stream<SeedCase> cases() {
        return Stream.of(
                SeedCase.succeeds("deploy huihuang canary", HUIHUANG, Verb.DEPLOY).input("tag", "canary")
                        .verify((w, r) -> {
                            assertThat(w.sims.huihuang.programState("worker-gpu")).contains("RUNNING");
                            assertThat(w.sims.huihuang.commandLog())
                                    .anyMatch(c -> c.contains("/workspace/start_remote.sh --restart --tag canary"));
                            assertThat(r.summary("queues")).get().asString()
                                    .contains("video-processing@cpu", "video-processing@gpu");
                        }),
                SeedCase.succeeds("status huihuang", HUIHUANG, Verb.STATUS),
                SeedCase.notApplied("deploy huihuang whose restart command has no {tag} is not applied", HUIHUANG,
                                Verb.DEPLOY).input("tag", "canary")
                        .targetsEdit(t -> t.replace("start_remote.sh --restart --tag {tag}", "start_remote.sh --restart"))
                        .verify((w, r) -> {
                            assertThat(r.finished().summary()).contains("was not switched to canary",
                                    "has no {tag}", "start_remote.sh --restart --tag {tag}");
                            assertThat(r.summary("restart")).isEmpty();
                        }),
                SeedCase.fails("deploy of a tag that does not exist is not retried", HUIHUANG, Verb.DEPLOY)
                        .input("tag", "v-does-not-exist").diagnosed("image", "image-pull-failed")
                        .verify((w, r) -> assertThat(r.events()).filteredOn(StepFailed.class::isInstance)
                                .hasSize(1)),
                SeedCase.succeeds("logs huihuang (runtime log files)", HUIHUANG, Verb.LOGS)
                        .verify((w, r) -> assertThat(r.summary("show")).get().asString()
                                .contains("/var/log/worker-gpu.log", "polling task queue video-processing@gpu")),
                SeedCase.succeeds("restart huihuang worker-gpu", HUIHUANG, Verb.RESTART).input("program", "worker-gpu"),
                SeedCase.succeeds("restart the huihuang runtime", HUIHUANG, Verb.RESTART)
                        .verify((w, r) -> assertThat(r.summary("restart")).get().asString()
                                .contains("start_remote.sh --restart")),
                SeedCase.succeeds("diagnose healthy huihuang", HUIHUANG, Verb.DIAGNOSE)
                        .before(VastSeedIT::startWorkers),
                SeedCase.succeeds("promote huihuang canary after validating it", HUIHUANG, Verb.PROMOTE)
                        .before(w -> deployCanary(w))
                        .verify((w, r) -> assertThat(w.sims.registry.digest(REPO, "stable"))
                                .isEqualTo(w.sims.registry.digest(REPO, "canary")).isPresent()),
                SeedCase.fails("promote is refused when the instance does not run the canary", HUIHUANG,
                                Verb.PROMOTE)
                        .before(w -> {
                            deployCanary(w);
                            w.sims.registry.manifest(REPO, "canary", "application/vnd.docker.distribution"
                                    + ".manifest.v2+json", SeedSimulators.manifest(9));
                        })
                        .undiagnosed("promote")
                        .verify((w, r) -> {
                            assertThat(r.thread()).contains("not :canary", "nothing was promoted");
                            assertThat(w.sims.registry.digest(REPO, "stable"))
                                    .isNotEqualTo(w.sims.registry.digest(REPO, "canary"));
                        }),
                SeedCase.fails("deploy huihuang while the app crashes", HUIHUANG, Verb.DEPLOY)
                        .before(w -> w.sims.huihuang.fail("app-crash")).after(VastSeedIT::mend)
                        .diagnosed("restart", "supervisor-fatal"),
                SeedCase.fails("deploy huihuang with a model file missing", HUIHUANG, Verb.DEPLOY)
                        .before(w -> w.exec(HUIHUANG, "rm -f " + MODEL))
                        .after(w -> w.exec(HUIHUANG, "echo weights > " + MODEL))
                        .diagnosed("models", "model-path-missing"),
                SeedCase.findsProblems("status huihuang with worker-gpu stopped", HUIHUANG, Verb.STATUS)
                        .before(w -> w.exec(HUIHUANG, "supervisorctl stop worker-gpu")).after(VastSeedIT::mend)
                        .diagnosed("verdict", "no-queue-pollers"),
                // workers RUNNING whose logs say they started, polling nothing: only the Temporal server can tell
                SeedCase.findsProblems("diagnose huihuang whose workers poll nothing", HUIHUANG, Verb.DIAGNOSE)
                        .before(w -> w.sims.huihuang.fail("pollers-missing")).after(VastSeedIT::mend)
                        .diagnosed("verdict", "no-queue-pollers")
                        .verify((w, r) -> assertThat(r.thread()).contains("✗ temporal")
                                .contains("video-processing@gpu")),
                SeedCase.fails("restart huihuang worker-gpu that crashes", HUIHUANG, Verb.RESTART)
                        .input("program", "worker-gpu")
                        .before(w -> w.sims.huihuang.fail("app-crash")).after(VastSeedIT::mend)
                        .diagnosed("restart", "supervisor-fatal"),
                SeedCase.fails("logs huihuang worker-gpu with supervisord down", HUIHUANG, Verb.LOGS)
                        .input("program", "worker-gpu")
                        .before(w -> w.sims.huihuang.fail("supervisor-down")).after(VastSeedIT::mend)
                        .diagnosed("logs", "supervisord-unreachable"),
                SeedCase.findsProblems("diagnose huihuang with supervisord down", HUIHUANG, Verb.DIAGNOSE)
                        .before(w -> w.sims.huihuang.fail("supervisor-down")).after(VastSeedIT::mend)
                        .diagnosed("verdict", "supervisord-unreachable"),
                SeedCase.fails("promote is refused while no worker polls the gpu queue", HUIHUANG, Verb.PROMOTE)
                        .before(w -> {
                            w.exec(HUIHUANG, "supervisorctl stop worker-gpu");
                            w.sims.registry.manifest(REPO, "canary", "application/vnd.docker.distribution"
                                    + ".manifest.v2+json", SeedSimulators.manifest(8));
                        })
                        .after(VastSeedIT::mend)
                        .diagnosed("services", "supervisor-program-stopped")
                        .verify((w, r) -> assertThat(w.sims.registry.digest(REPO, "stable"))
                                .isNotEqualTo(w.sims.registry.digest(REPO, "canary"))),
                SeedCase.fails("deploy to an instance whose host went offline", HUIHUANG, Verb.DEPLOY)
                        .before(w -> w.sims.vast.fail(w.sims.vastInstance, "offline"))
                        .after(w -> w.sims.vast.heal(w.sims.vastInstance))
                        .diagnosed("ssh", "provider-host-offline"));
    }

    /** The canary as it is now runs on the instance (what `/gpu deploy huihuang canary` leaves behind). */
    private static void deployCanary(SeedWorld world) {
        world.exec(HUIHUANG, "/workspace/start_remote.sh --restart --tag canary");
        startWorkers(world);
    }

    private static void startWorkers(SeedWorld world) {
        world.exec(HUIHUANG, "supervisorctl start all");
    }

    /** Heals the faults and brings every program back, as an operator would. */
    static void mend(SeedWorld world) {
        world.sims.huihuang.heal();
        startWorkers(world);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runbookOnTheVastInstance(SeedCase seed, SeedWorld world) {
        seed.check(world);
    }
}
