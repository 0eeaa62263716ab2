package dev.gpuops.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.RunPlanned;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.Verb;
import dev.gpuops.provider.runpod.EndpointPatch;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seed 003: Sophia on a RunPod serverless endpoint, through every shipped runpod runbook. */
@ExtendWith(SeedWorldExtension.class)
@Timeout(60)
class RunPodSeedIT {

    static final String SOPHIA = "sophia";
    private static final String REPO = "kyl-solutions/sophia-runpod";

    static Stream<SeedCase> cases() {
        return Stream.of(
                SeedCase.succeeds("deploy Sophia's versioned release", SOPHIA, Verb.DEPLOY)
                        .input("tag", SeedSimulators.SOPHIA_RELEASE)
                        .verify((w, r) -> {
                            assertThat(w.runPod().getTemplate(w.sims.templateId).imageName())
                                    .isEqualTo(w.sims.registry.host() + "/" + REPO + ":" + SeedSimulators.SOPHIA_RELEASE);
                            assertThat(w.runPod().getTemplate(w.sims.templateId).env())
                                    .containsEntry("RUNPOD_INIT_TIMEOUT", "900");
                            assertThat(r.summary("done")).get().asString().contains("cold start", "answered");
                        }),
                SeedCase.succeeds("status sophia", SOPHIA, Verb.STATUS)
                        .verify((w, r) -> assertThat(r.summary("endpoint")).get().asString().contains("queue")),
                SeedCase.succeeds("diagnose healthy sophia", SOPHIA, Verb.DIAGNOSE),
                SeedCase.succeeds("promote Sophia's canary", SOPHIA, Verb.PROMOTE)
                        .verify((w, r) -> assertThat(w.sims.registry.digest(REPO, "stable"))
                                .isEqualTo(w.sims.registry.digest(REPO, "canary")).isPresent()),
                SeedCase.succeeds("purge jobs stuck in the queue", SOPHIA, Verb.PURGE)
                        .before(RunPodSeedIT::queueJobsWithoutWorkers).after(RunPodSeedIT::restoreWorkers)
                        .verify((w, r) -> assertThat(r.summary("purge")).get().asString().contains("purged 2")),
                SeedCase.succeeds("plan a purge: the queue depth, live, and nothing purged", SOPHIA, Verb.PURGE)
                        .input("dryRun", "true")
                        .before(RunPodSeedIT::queueJobsWithoutWorkers).after(RunPodSeedIT::restoreWorkers)
                        .verify((w, r) -> {
                            RunPlanned.PlannedStep purge = planned(r, "purge");
                            assertThat(purge.destructive()).isTrue();
                            assertThat(purge.needsApproval()).as("sophia is staging").isFalse();
                            assertThat(purge.blastRadius()).isEqualTo("purge drops 2 queued jobs");
                            assertThat(w.runPod().health(w.sims.endpointId).jobs().inQueue()).isEqualTo(2);
                            assertThat(r.events()).noneMatch(StepStarted.class::isInstance);
                        }),
                SeedCase.succeeds("plan scale to 0: the running workers it would stop", SOPHIA, Verb.SCALE)
                        .input("count", "0").input("dryRun", "true")
                        .before(RunPodSeedIT::settleWorkers)
                        .verify((w, r) -> {
                            int up = w.runPod().health(w.sims.endpointId).workers().up();
                            assertThat(planned(r, "scale").blastRadius()).isEqualTo("scale to 0 stops " + up
                                    + " running worker" + (up == 1 ? "" : "s") + " (" + up + " up now)");
                            assertThat(w.runPod().getEndpoint(w.sims.endpointId).workersMax()).isPositive();
                        }),
                SeedCase.succeeds("scale sophia to 0 (kill all workers)", SOPHIA, Verb.SCALE).input("count", "0")
                        .verify((w, r) -> assertThat(w.runPod().getEndpoint(w.sims.endpointId).workersMax())
                                .isZero()),
                SeedCase.succeeds("scale sophia back to 2", SOPHIA, Verb.SCALE).input("count", "2")
                        .verify((w, r) -> assertThat(w.runPod().getEndpoint(w.sims.endpointId).workersMax())
                                .isEqualTo(2)),
                SeedCase.fails("deploy into the init-timeout kill loop", SOPHIA, Verb.DEPLOY)
                        .input("tag", SeedSimulators.SOPHIA_RELEASE)
                        .before(w -> w.sims.runPod.fail(w.sims.endpointId, "init-timeout")).after(RunPodSeedIT::heal)
                        .diagnosed("coldstart", "runpod-init-timeout"),
                SeedCase.fails("deploy a tag that was never pushed", SOPHIA, Verb.DEPLOY).input("tag", "v-missing")
                        .diagnosed("image", "image-pull-failed")
                        .verify((w, r) -> assertThat(w.runPod().getTemplate(w.sims.templateId).imageName())
                                .endsWith(SeedSimulators.SOPHIA_RELEASE)),
                SeedCase.findsProblems("diagnose workers that never take jobs", SOPHIA, Verb.DIAGNOSE)
                        .before(w -> w.sims.runPod.fail(w.sims.endpointId, "jobs-stuck")).after(RunPodSeedIT::heal)
                        .diagnosed("verdict", "runpod-jobs-stuck"),
                SeedCase.fails("status of a dead endpoint id", SOPHIA, Verb.STATUS)
                        .before(w -> w.sims.runPod.fail(w.sims.endpointId, "dead-endpoint")).after(RunPodSeedIT::heal)
                        .diagnosed("endpoint", "runpod-dead-endpoint"),
                SeedCase.fails("purge a dead endpoint id", SOPHIA, Verb.PURGE)
                        .before(w -> w.sims.runPod.fail(w.sims.endpointId, "dead-endpoint")).after(RunPodSeedIT::heal)
                        .diagnosed("before", "runpod-dead-endpoint"),
                SeedCase.fails("scale a dead endpoint id", SOPHIA, Verb.SCALE).input("count", "1")
                        .before(w -> w.sims.runPod.fail(w.sims.endpointId, "dead-endpoint")).after(RunPodSeedIT::heal)
                        .diagnosed("scale", "runpod-dead-endpoint"),
                SeedCase.fails("promote is refused while jobs are stuck", SOPHIA, Verb.PROMOTE)
                        .before(w -> {
                            w.sims.runPod.fail(w.sims.endpointId, "jobs-stuck");
                            w.sims.registry.manifest(REPO, "canary", "application/vnd.docker.distribution"
                                    + ".manifest.v2+json", SeedSimulators.manifest(6));
                        })
                        .after(RunPodSeedIT::heal)
                        .diagnosed("ping", "runpod-jobs-stuck")
                        .verify((w, r) -> assertThat(w.sims.registry.digest(REPO, "stable"))
                                .isNotEqualTo(w.sims.registry.digest(REPO, "canary"))));
    }

    private static RunPlanned.PlannedStep planned(SeedRun run, String stepId) {
        return run.events().stream().filter(RunPlanned.class::isInstance).map(RunPlanned.class::cast)
                .flatMap(p -> p.steps().stream()).filter(s -> s.id().equals(stepId)).findFirst()
                .orElseThrow(() -> new AssertionError("no planned step " + stepId + ": " + run));
    }

    private static void queueJobsWithoutWorkers(SeedWorld world) {
        world.runPod().patchEndpoint(world.sims.endpointId, EndpointPatch.workers(0, 0));
        world.runPod().run(world.sims.endpointId, Map.of("prompt", "a song"));
        world.runPod().run(world.sims.endpointId, Map.of("prompt", "another song"));
    }

    /**
     * The previous case left two jobs queued and workers allowed again, so workers start, run and go idle: wait
     * (bounded) until the queue is empty and the count of workers up reads the same three times, so the plan and
     * the check below see one number.
     */
    private static void settleWorkers(SeedWorld world) {
        world.runPod().purgeQueue(world.sims.endpointId);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        int same = 0;
        int last = -1;
        while (same < 3 && System.nanoTime() < deadline) {
            var health = world.runPod().health(world.sims.endpointId);
            int up = health.workers().up();
            boolean idle = health.jobs().inQueue() == 0 && health.jobs().inProgress() == 0;
            same = idle && up == last ? same + 1 : 0;
            last = up;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void restoreWorkers(SeedWorld world) {
        world.runPod().patchEndpoint(world.sims.endpointId, EndpointPatch.workers(0, 2));
    }

    private static void heal(SeedWorld world) {
        world.sims.runPod.heal(world.sims.endpointId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runbookOnTheRunPodEndpoint(SeedCase seed, SeedWorld world) {
        seed.check(world);
    }
}
