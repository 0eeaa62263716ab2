package dev.gpuops.runbook.action.vast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.provider.vast.VastConfig;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.runbook.action.lambda.TestTargets;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.sandbox.vast.SandboxVast;
import dev.gpuops.sandbox.vast.VastInstanceSeed;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VastActionsTest {

    private static final Duration POLL = Duration.ofMillis(50);

    private final SettableClock vastClock = new SettableClock();
    private SandboxVast sandbox;
    private VastClient client;
    private long id;
    private TestStepContext ctx;

    @BeforeEach
    void start() {
        sandbox = SandboxVast.builder().clock(vastClock).rebootDelay(Duration.ofSeconds(40))
                .loadDelay(Duration.ofSeconds(40)).start();
        id = sandbox.addInstance(VastInstanceSeed.running("huihuang-gpu").withProxySsh("127.0.0.1", 2222)
                .withDirectSsh("127.0.0.1", 2223)
                .withExtraEnv(Map.of("HF_TOKEN", "hf_notarealtokenbutlongenough1234")));
        client = new VastClient(new VastConfig(sandbox.apiKey()).withApiUrl(sandbox.baseUrl()), RetryPolicy.none());
        ctx = context(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private TestStepContext context(Duration timeout) {
        return new TestStepContext(TestTargets.vast(id), new Services().register(VastClient.class, client), timeout,
                vastClock);
    }

    @Test
    void statusRecordsProviderStateAndOutputsTheSshEndpoint() {
        StepResult result = new VastInstanceStatus().execute(ctx, new VastInstanceStatus.Params(null, false));

        assertThat(result.outputs()).containsEntry("actualStatus", "running")
                .containsEntry("intendedStatus", "running")
                .containsEntry("sshHost", "127.0.0.1").containsEntry("sshPort", "2223")
                .containsEntry("sshRoute", "direct");
        Evidence state = ctx.evidence().getFirst();
        assertThat(state.kind()).isEqualTo(Evidence.Kind.PROVIDER_STATE);
        assertThat(state.text()).contains("actual_status=running", "intended_status=running", "status_msg=");
        assertThat(state.text() + result).doesNotContain("hf_notarealtoken");
    }

    @Test
    void statusReportsAnExitedContainerWithoutFailingUnlessAskedTo() {
        sandbox.fail(id, "exited");
        StepResult result = new VastInstanceStatus().execute(ctx, new VastInstanceStatus.Params(null, false));
        assertThat(result.summary()).contains("exited (intended running)", "code 137");
        assertThat(ctx.evidence().getFirst().text()).contains("actual_status=exited");

        assertThatThrownBy(() -> new VastInstanceStatus().execute(ctx, new VastInstanceStatus.Params(null, true)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("container exited")
                .hasMessageContaining("vast.reboot");
    }

    @Test
    void resolvesDirectByDefaultAndProxyOnRequest() {
        VastResolveSsh action = new VastResolveSsh();
        StepResult auto = action.execute(ctx, new VastResolveSsh.Params(null, null));
        assertThat(auto.outputs()).containsEntry("host", "127.0.0.1").containsEntry("port", "2223")
                .containsEntry("user", "root").containsEntry("route", "direct");

        StepResult proxy = action.execute(ctx, new VastResolveSsh.Params(null, "proxy"));
        assertThat(proxy.outputs()).containsEntry("port", "2222").containsEntry("route", "proxy");
        assertThat(proxy.summary()).startsWith("ssh -p 2222 root@127.0.0.1");
    }

    @Test
    void resolveFallsBackToTheProxyWhenNoDirectPortIsPublished() {
        long proxied = sandbox.addInstance(VastInstanceSeed.running("proxied").withoutDirectSsh()
                .withProxySsh("ssh4.vast.ai", 34567));
        StepResult result = new VastResolveSsh().execute(ctx, new VastResolveSsh.Params(proxied, "auto"));
        assertThat(result.outputs()).containsEntry("host", "ssh4.vast.ai").containsEntry("port", "34567");

        assertThatThrownBy(() -> new VastResolveSsh().execute(ctx, new VastResolveSsh.Params(proxied, "direct")))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("use via: proxy");
    }

    @Test
    void resolveRefusesAnOfflineMachineWithTheReason() {
        sandbox.fail(id, "offline");
        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> new VastResolveSsh().execute(ctx, new VastResolveSsh.Params(null, null)));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("host machine is offline");
    }

    @Test
    void rebootWaitsUntilRunningAgain() throws Exception {
        sandbox.fail(id, "exited");
        VastReboot action = new VastReboot();
        // the simulator and the step share vastClock: each poll's pause moves Vast's time, nothing sleeps
        TestStepContext rebooting = context(Duration.ofMinutes(5));
        Instant asked = vastClock.instant();

        StepResult result = action.execute(rebooting, new VastReboot.Params(null, Duration.ofSeconds(5)));

        assertThat(result.summary()).startsWith("instance " + id + " running again after");
        assertThat(Duration.between(asked, vastClock.instant())).as("it waited out the 40 s reboot")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(40));
        assertThat(sandbox.actualStatus(id)).contains("running");
        assertThat(rebooting.progressMessages()).anyMatch(m -> m.startsWith("reboot requested"))
                .anyMatch(m -> m.matches("rebooting \\(intended running\\).*\\(\\d+s\\)"));
        assertThat(action.destructive()).isTrue();
    }

    @Test
    void rebootOfAnOfflineMachineIsRefusedWithoutAsking() {
        sandbox.fail(id, "offline");
        sandbox.clearExchanges();
        assertThatThrownBy(() -> new VastReboot().execute(ctx, new VastReboot.Params(null, POLL)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("offline");
        assertThat(sandbox.exchanges()).noneMatch(e -> e.path().contains("/reboot/"));
    }

    @Test
    void missingInstanceIdNamesTheTargetsFileField() {
        TestStepContext bare = new TestStepContext(TestTargets.vast(null),
                new Services().register(VastClient.class, client));
        assertThatThrownBy(() -> new VastResolveSsh().execute(bare, new VastResolveSsh.Params(null, null)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("no vast.instanceId in the targets file");
    }

    @Test
    void viaIsValidated() {
        assertThatThrownBy(() -> new VastResolveSsh.Params(null, "carrier-pigeon"))
                .hasMessageContaining("auto, direct or proxy");
    }
}
