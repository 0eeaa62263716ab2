package dev.gpuops.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.StepProgressed;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.StepSucceeded;
import dev.gpuops.event.Verb;
import dev.gpuops.runbook.engine.RunControl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.gpuops.sandbox.registry.SandboxRegistry;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seed 000: the image server on a Lambda VM, through every shipped lambda runbook. */
@ExtendWith(SeedWorldExtension.class)
@Timeout(60)
class LambdaSeedIT {

    static final String SERVER = "image-server";
    static final String CONTAINER = "intelligensi-image-server";

    static Stream<SeedCase> cases() {
        return Stream.of(
                SeedCase.succeeds("deploy seed 000 onto a new Lambda VM", SERVER, Verb.DEPLOY).input("tag", "canary")
                        .verify(LambdaSeedIT::deployed),
                SeedCase.succeeds("deploy again reuses the VM", SERVER, Verb.DEPLOY)
                        .verify((w, r) -> assertThat(r.summary("launch")).get().asString().contains("reusing")),
                SeedCase.succeeds("status image-server", SERVER, Verb.STATUS),
                SeedCase.succeeds("logs image-server", SERVER, Verb.LOGS)
                        .verify((w, r) -> assertThat(r.summary("show")).get().asString()
                                .contains("Application startup complete")),
                SeedCase.succeeds("restart image-server", SERVER, Verb.RESTART)
                        .verify((w, r) -> assertThat(w.sims.imageServer.containerState(CONTAINER)).contains("running")),
                SeedCase.succeeds("diagnose healthy image-server", SERVER, Verb.DIAGNOSE),
                SeedCase.succeeds("promote the image server's canary", SERVER, Verb.PROMOTE)
                        .verify((w, r) -> assertThat(w.sims.registry.digest(SandboxRegistry.IMAGE_SERVER, "stable"))
                                .isEqualTo(w.sims.registry.digest(SandboxRegistry.IMAGE_SERVER, "canary"))),
                // a queue declared for the VM that no worker on it polls: the Temporal server says so
                SeedCase.findsProblems("diagnose image-server whose task queue nobody polls", SERVER, Verb.DIAGNOSE)
                        .targetsEdit(t -> t.replace("    lambda: { name: image-server-v2,",
                                "    runtime: { queues: [video-processing@gpu] }\n    lambda: { name: image-server-v2,"))
                        .diagnosed("verdict", "no-queue-pollers")
                        .verify((w, r) -> assertThat(r.thread()).contains("✗ queues")
                                .contains("video-processing@gpu")),
                SeedCase.findsProblems("diagnose image-server while the app crash-loops", SERVER, Verb.DIAGNOSE)
                        .before(w -> w.sims.imageServer.fail("app-crash")).after(w -> w.sims.imageServer.heal())
                        .diagnosed("verdict", "python-dependency-missing"),
                SeedCase.findsProblems("status image-server while the app crash-loops", SERVER, Verb.STATUS)
                        .before(w -> w.sims.imageServer.fail("app-crash")).after(w -> w.sims.imageServer.heal())
                        .diagnosed("verdict", "python-dependency-missing"),
                SeedCase.fails("logs image-server with no container", SERVER, Verb.LOGS)
                        .before(w -> w.exec(SERVER, "sudo docker rm -f " + CONTAINER))
                        .after(LambdaSeedIT::redeploy)
                        .diagnosed("container", "container-missing"),
                SeedCase.fails("logs while Lambda rate-limits the API", SERVER, Verb.LOGS)
                        .before(w -> w.sims.lambda.fail("rate-limit")).after(w -> w.sims.lambda.heal())
                        .diagnosed("instance", "provider-rate-limited"),
                SeedCase.fails("deploy without HF_TOKEN stops before launching", SERVER, Verb.DEPLOY)
                        .before(w -> w.secrets.remove("HF_TOKEN"))
                        .after(w -> w.secrets.put("HF_TOKEN", SeedSimulators.HF_TOKEN))
                        .diagnosed("secrets", "hf-gated-model")
                        .verify((w, r) -> assertThat(r.thread()).doesNotContain("✓ launch")),
                SeedCase.fails("deploy with a token that has no access to the gated model", SERVER, Verb.DEPLOY)
                        .before(w -> w.sims.imageServer.fail("hf-token-missing")).after(LambdaSeedIT::redeploy)
                        .diagnosed("run", "hf-gated-model"),
                SeedCase.fails("deploy on a VM without the GPU runtime", SERVER, Verb.DEPLOY)
                        .before(w -> w.sims.imageServer.fail("no-gpu-runtime")).after(LambdaSeedIT::redeploy)
                        .diagnosed("run", "gpu-runtime-missing"),
                SeedCase.fails("restart with the disk full", SERVER, Verb.RESTART)
                        .before(w -> w.sims.imageServer.fail("disk-full")).after(LambdaSeedIT::redeploy)
                        .diagnosed("run", "disk-full"),
                SeedCase.fails("promote is refused while the app crash-loops", SERVER, Verb.PROMOTE)
                        .before(w -> w.sims.imageServer.fail("app-crash")).after(w -> w.sims.imageServer.heal())
                        .diagnosed("health", "python-dependency-missing")
                        .verify((w, r) -> assertThat(w.sims.registry.digest(SandboxRegistry.IMAGE_SERVER, "stable"))
                                .isEqualTo(w.sims.registry.digest(SandboxRegistry.IMAGE_SERVER, "canary"))),
                SeedCase.fails("promote when ghcr.io rejects the registry token", SERVER, Verb.PROMOTE)
                        .before(w -> w.sims.registry.identifyAs("ghcr.io").fail("ghcr-unauthorized"))
                        .after(w -> {
                            w.sims.registry.heal();
                            w.sims.registry.identifyAs(SandboxRegistry.SERVICE);
                        })
                        .diagnosed("canary", "ghcr-unauthorized")
                        .verify((w, r) -> assertThat(r.thread()).contains("from ghcr.io")),
                SeedCase.fails("deploy --force when Lambda has no capacity", SERVER, Verb.DEPLOY)
                        .input("force", "true")
                        .before(w -> w.sims.lambda.fail("no-capacity")).after(w -> w.sims.lambda.heal())
                        .diagnosed("launch", "lambda-capacity"),
                SeedCase.fails("deploy --force onto a VM Lambda reports unhealthy", SERVER, Verb.DEPLOY)
                        .input("force", "true")
                        .before(w -> w.sims.lambda.fail("unhealthy")).after(w -> w.sims.lambda.heal())
                        .diagnosed("active", "lambda-instance-unhealthy"));
    }

    private static void deployed(SeedWorld world, SeedRun run) {
        assertThat(world.sims.imageServer.containerState(CONTAINER)).contains("running");
        assertThat(world.sims.imageServer.containerEnv(CONTAINER).orElseThrow())
                .containsEntry("HF_TOKEN", SeedSimulators.HF_TOKEN)
                .containsEntry("MODEL_ID", "black-forest-labs/FLUX.1-schnell");
        assertThat(world.sims.imageServer.dockerLoggedIn("root", world.sims.registry.host())).isTrue();
        assertThat(world.sims.imageServer.commandLog()).anyMatch(line -> line.contains("--gpus all"))
                .noneMatch(line -> line.contains(SeedSimulators.HF_TOKEN));
        assertThat(run.summary("done")).get().asString().contains("is up", "/health");
    }

    /** Heals the VM and puts the app back the way the deploy runbook does. */
    private static void redeploy(SeedWorld world) {
        world.sims.imageServer.heal();
        world.run(SERVER, Verb.DEPLOY, java.util.Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runbookOnTheLambdaVm(SeedCase seed, SeedWorld world) {
        seed.check(world);
    }

    /** A user cancels a forced redeploy once the new VM is launched: cancelled, not failed; the VM is reported. */
    @Test
    void cancelledDeployIsNotAFailureAndNamesTheVmItLeftRunning(SeedWorld world) throws Exception {
        RunControl control = new RunControl();
        int from = world.eventsSoFar().size();
        Thread canceller = Thread.ofVirtual().start(() -> {
            while (world.eventsSoFar().stream().skip(from).noneMatch(e -> e instanceof StepSucceeded s
                    && s.stepId().equals("launch"))) {
                Thread.onSpinWait();
            }
            control.cancel("cancelled by alice");
        });
        SeedRun run;
        try {
            run = world.run(world.target(SERVER), Verb.DEPLOY, Map.of("force", "true"), control);
        } finally {
            canceller.interrupt();
        }
        try {
            assertThat(run.outcome()).as(run.toString()).isEqualTo(RunOutcome.CANCELLED);
            assertThat(run.diagnosis()).as("a cancel is never diagnosed").isEmpty();
            String instanceId = run.events().stream().filter(StepSucceeded.class::isInstance)
                    .map(StepSucceeded.class::cast).filter(s -> s.stepId().equals("launch")).findFirst()
                    .orElseThrow().outputs().get("instanceId");
            assertThat(run.finished().summary()).startsWith("cancelled by alice at step `")
                    .contains("Left behind: VM " + instanceId.substring(0, 8) + " (gpu_1x_a10, $",
                            "/h) was launched and is still running; `/gpu status image-server`");
        } finally {
            redeploy(world);
        }
    }

    /**
     * Issue 10: a long wait updates its detail in the thread ("booting (30s)", "booting (1m)"), and no duration the
     * thread shows is longer than the step that shows it. One clock drives the engine and the simulators here.
     */
    @Test
    void forcedDeployShowsLiveBootDetailAndDurationsThatAddUp(SeedWorld world) {
        SeedRun run = world.run(SERVER, Verb.DEPLOY, Map.of("force", "true"));

        assertThat(run.outcome()).as(run.toString()).isEqualTo(RunOutcome.SUCCEEDED);
        StepStarted started = run.events().stream().filter(StepStarted.class::isInstance).map(StepStarted.class::cast)
                .filter(s -> s.stepId().equals("active")).findFirst().orElseThrow();
        List<StepProgressed> live = run.events().stream().filter(StepProgressed.class::isInstance)
                .map(StepProgressed.class::cast).filter(p -> p.stepId().equals("active")).toList();
        // the thread hears the boot live; how many updates depends on how many polls fit the boot, and in scaled
        // time real I/O is multiplied by the speed-up, so that count varies run to run. The cadence itself (new
        // detail at once, the same detail every 30 s) is pinned on a settable clock in WaitTest.
        assertThat(live).as(run.toString()).isNotEmpty()
                .allMatch(p -> p.message().matches("booting \\((\\d+m)?(\\d+s)?\\)"));
        List<Duration> shown = live.stream().map(p -> shown(p.message(), "\\((\\w+)\\)$")).toList();
        assertThat(shown).isSorted().doesNotHaveDuplicates();
        assertThat(live).allSatisfy(p -> assertThat(shown(p.message(), "\\((\\w+)\\)$"))
                .isLessThanOrEqualTo(Duration.between(started.occurredAt(), p.occurredAt())));

        StepSucceeded active = succeeded(run, "active");
        assertThat(shown(active.summary(), "after (\\w+)$")).isLessThanOrEqualTo(active.duration())
                .isGreaterThanOrEqualTo(shown.getLast());
        StepSucceeded ssh = succeeded(run, "ssh");
        assertThat(shown(ssh.summary(), "attempt \\d+/\\d+, (\\w+)\\)")).isLessThanOrEqualTo(ssh.duration());
        Duration steps = run.events().stream().filter(StepSucceeded.class::isInstance).map(StepSucceeded.class::cast)
                .map(StepSucceeded::duration).reduce(Duration.ZERO, Duration::plus);
        assertThat(steps).isLessThanOrEqualTo(run.finished().duration());
    }

    private static StepSucceeded succeeded(SeedRun run, String stepId) {
        return run.events().stream().filter(StepSucceeded.class::isInstance).map(StepSucceeded.class::cast)
                .filter(s -> s.stepId().equals(stepId)).findFirst()
                .orElseThrow(() -> new AssertionError("step " + stepId + " did not succeed: " + run));
    }

    /** The duration a thread line shows, e.g. "1m30s" in "booting (1m30s)". */
    private static Duration shown(String line, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(line);
        assertThat(m.find()).as("a duration in '%s'", line).isTrue();
        return dev.gpuops.target.Durations.parse(m.group(1));
    }
}
