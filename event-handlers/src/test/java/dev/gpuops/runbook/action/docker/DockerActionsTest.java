package dev.gpuops.runbook.action.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.runbook.action.ssh.SshActionFixture;
import dev.gpuops.runbook.action.ssh.SshAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DockerActionsTest {

    @TempDir
    Path dir;

    private SshActionFixture fixture;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<Object> seen = new ArrayList<>();

    @BeforeEach
    void start() {
        fixture = new SshActionFixture(dir);
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        // command lines are logged at debug: keep that on so a secret on a command line would be caught here
        ((Logger) LoggerFactory.getLogger("dev.gpuops.provider.ssh")).setLevel(ch.qos.logback.classic.Level.DEBUG);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        fixture.close();
    }

    @Test
    void loginRunsAsRootWithTheRegistryTokenOnStdin() throws Exception {
        TestStepContext ctx = fixture.ctx();

        StepResult result = run(ctx, () -> new DockerLogin().execute(ctx, login()));

        assertThat(result.summary()).contains("logged in to ghcr.io as intelligensi-ai (root's docker config)");
        assertThat(fixture.host.dockerLoggedIn("root", "ghcr.io")).isTrue();
        assertThat(fixture.host.commandLog()).contains("sudo -n docker login ghcr.io -u intelligensi-ai --password-stdin");
        assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("docker login ghcr.io -u intelligensi-ai"));
        assertNoCanary(ctx);
    }

    @Test
    void loginWithAWrongTokenFailsWithoutShowingIt() throws Exception {
        fixture.secrets.put("GHCR_TOKEN", "ghp_WrongCanaryToken000000000000000000");
        TestStepContext ctx = fixture.ctx();

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> new DockerLogin().execute(ctx, login()));
        seen.add(failure);

        assertThat(failure).hasMessageContaining("denied").hasMessageContaining("GHCR_USERNAME/GHCR_TOKEN");
        assertNoSecret(ctx, "ghp_WrongCanaryToken000000000000000000");
    }

    @Test
    void aMissingSecretNamesTheVariableToSet() {
        fixture.secrets.remove("GHCR_TOKEN");

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> new DockerLogin().execute(fixture.ctx(), login()));

        assertThat(failure).hasMessageContaining("GHCR_TOKEN is not set").hasMessageContaining("read:packages");
    }

    @Test
    void runStartsTheCanonicalContainerWithHfTokenFromTheEnvFile() throws Exception {
        TestStepContext ctx = fixture.ctx();
        run(ctx, () -> new DockerLogin().execute(ctx, login()));

        StepResult result = run(ctx, () -> new DockerRun().execute(ctx, runParams(null)));

        assertThat(result.summary()).startsWith("intelligensi-image-server running " + SshActionFixture.IMAGE);
        assertThat(result.outputs()).containsKeys("containerId", "image", "name");
        assertThat(fixture.host.containerState(SshActionFixture.CONTAINER)).contains("running");
        assertThat(fixture.host.containerEnv(SshActionFixture.CONTAINER).orElseThrow())
                .containsEntry("HF_TOKEN", SshActionFixture.HF_TOKEN)
                .containsEntry("MODEL_ID", "black-forest-labs/FLUX.1-schnell");
        assertThat(fixture.host.commandLog()).anyMatch(l -> l.startsWith("sudo -n docker run -d --name"
                + " intelligensi-image-server --restart unless-stopped --gpus all -p 8000:8000"));
        assertThat(ctx.progressMessages()).contains("pulling " + SshActionFixture.IMAGE,
                "replacing container intelligensi-image-server");
        assertNoCanary(ctx);
    }

    @Test
    void runWithATagRunsThatTag() throws Exception {
        TestStepContext ctx = fixture.ctx();
        run(ctx, () -> new DockerLogin().execute(ctx, login()));

        StepResult result = run(ctx, () -> new DockerRun().execute(ctx, runParams("canary")));

        assertThat(result.outputs()).containsEntry("image", "ghcr.io/intelligensi-ai/intelligensi-image-server:canary");
    }

    @Test
    void runWithoutLoginHitsTheUnauthorizedTrap() {
        TestStepContext ctx = fixture.ctx();

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> new DockerRun().execute(ctx, runParams(null)));

        assertThat(failure).hasMessageContaining("unauthorized").hasMessageContaining("docker.login (as root)");
        assertThat(failure.retryable()).isFalse();
        assertThat(ctx.evidence()).extracting(Evidence::kind).contains(Evidence.Kind.COMMAND_OUTPUT);
    }

    @Test
    void aContainerThatCrashLoopsFailsTheStepWithItsLogs() throws Exception {
        fixture.secrets.remove("HF_TOKEN");
        TestStepContext ctx = fixture.ctx();
        run(ctx, () -> new DockerLogin().execute(ctx, login()));

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> new DockerRun().execute(ctx,
                new DockerRun.Params(SshAddress.TARGET, null, null, null, null, null, null, List.of(), true,
                        Duration.ZERO, null)));

        assertThat(failure).hasMessageContaining("restarting (crash loop, last exit code 1)")
                .hasMessageContaining("Application startup failed");
        assertThat(ctx.evidence()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.CONTAINER_LOGS);
            assertThat(e.text()).contains("GatedRepoError");
        });
    }

    @Test
    void aMissingHfTokenSecretIsNamed() {
        fixture.secrets.remove("HF_TOKEN");

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> new DockerRun().execute(fixture.ctx(), runParams(null)));

        assertThat(failure).hasMessageContaining("HF_TOKEN is not set").hasMessageContaining("READ token");
    }

    @Test
    void noGpuRuntimeIsReportedWithWhatToDo() throws Exception {
        TestStepContext ctx = fixture.ctx();
        run(ctx, () -> new DockerLogin().execute(ctx, login()));
        fixture.host.fail("no-gpu-runtime");

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> new DockerRun().execute(ctx, runParams(null)));
        seen.add(failure);

        assertThat(failure).hasMessageContaining("could not select device driver").hasMessageContaining("nvidia-ctk");
        assertNoCanary(ctx);
    }

    @Test
    void logsRecordContainerOutputAndState() throws Exception {
        TestStepContext setup = fixture.ctx();
        run(setup, () -> new DockerLogin().execute(setup, login()));
        run(setup, () -> new DockerRun().execute(setup, runParams(null)));
        fixture.host.fail("app-crash");
        TestStepContext ctx = fixture.ctx();

        StepResult result = run(ctx, () -> new DockerLogs().execute(ctx, new DockerLogs.Params(SshAddress.TARGET, null,
                50)));

        assertThat(result.outputs()).containsEntry("state", "restarting");
        assertThat(ctx.evidence()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.CONTAINER_LOGS);
            assertThat(e.text()).contains("ModuleNotFoundError");
        });
        assertNoCanary(ctx);
    }

    @Test
    void logsOfAMissingContainerSaySo() {
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> new DockerLogs().execute(fixture.ctx(),
                new DockerLogs.Params(SshAddress.TARGET, "nosuch", null)));

        assertThat(failure).hasMessageContaining("no container named nosuch");
    }

    private static DockerLogin.Params login() {
        return new DockerLogin.Params(SshAddress.TARGET, null, null, null, null);
    }

    private static DockerRun.Params runParams(String tag) {
        return new DockerRun.Params(SshAddress.TARGET, null, tag, null, null, null, null, null, true, Duration.ZERO,
                null);
    }

    private interface Step {
        StepResult run() throws Exception;
    }

    private StepResult run(TestStepContext ctx, Step step) throws Exception {
        StepResult result = step.run();
        seen.add(result);
        return result;
    }

    private void assertNoCanary(TestStepContext ctx) {
        assertNoSecret(ctx, SshActionFixture.HF_TOKEN);
        assertNoSecret(ctx, SshActionFixture.GHCR_TOKEN);
    }

    /** The secret appears nowhere an operator or a log reader could see it. */
    private void assertNoSecret(TestStepContext ctx, String secret) {
        assertThat(fixture.host.commandLog()).noneMatch(l -> l.contains(secret));
        assertThat(ctx.progressMessages()).noneMatch(m -> m.contains(secret));
        assertThat(ctx.evidence()).noneMatch(e -> e.text().contains(secret) || e.source().contains(secret));
        for (Object thing : seen) {
            if (thing instanceof Throwable t) {
                for (Throwable c = t; c != null; c = c.getCause()) {
                    assertThat(String.valueOf(c.getMessage())).doesNotContain(secret);
                }
            } else {
                assertThat(thing.toString()).doesNotContain(secret);
            }
        }
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(secret));
    }
}
