package dev.gpuops.bot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Slack side of the notifier ITs: the sandbox Slack reached through the real Slack SDK over HTTP, on a
 * settable clock that only moves when the notifier sleeps (pacing and Retry-After show in the sandbox's recorded
 * call times without the test waiting for them), notifiers built on it, and how the tests read the result.
 */
final class NotifierSandbox implements AutoCloseable, AfterEachCallback {

    static final String OPS = SandboxSlack.GPU_OPS;
    static final Duration SETTLE = Duration.ofSeconds(20);

    final SettableClock clock = new SettableClock(RunScript.T0);
    final SandboxSlack sandbox;
    private final Slack slack;
    private final List<AutoCloseable> closing = new ArrayList<>();

    NotifierSandbox() {
        sandbox = SandboxSlack.builder().clock(clock).start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(sandbox.apiUrl());
        slack = Slack.getInstance(config);
    }

    /** The Web API client a notifier uses, pointed at the sandbox with its bot token. */
    MethodsClient methods() {
        return slack.methods(sandbox.botToken());
    }

    /** Closes {@code closeable} with this sandbox, before the Slack client and the sandbox itself. */
    <T extends AutoCloseable> T closeLater(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    /** A notifier with these settings on the shared clock (the default ones when {@code settings} is null). */
    SlackNotifier notifier(NotifierSettings settings) {
        return closeLater(new SlackNotifier(methods(), settings == null ? NotifierSettings.defaults() : settings,
                clock, clock::sleep));
    }

    static void settle(SlackNotifier notifier) throws InterruptedException {
        assertThat(notifier.awaitIdle(SETTLE)).as("notifier went idle").isTrue();
    }

    /** The channel's one root message (a second would be a duplicated thread). */
    SlackMessage onlyRoot(String channel) {
        assertThat(sandbox.messages(channel)).hasSize(1);
        return sandbox.messages(channel).getFirst();
    }

    /** A restart that fails its first attempt, retries, and succeeds after 42 s of run time. */
    static List<RunEvent> successfulRun(RunScript run) {
        return List.of(run.queued(), run.started("check-ssh", "restart", "verify-health"),
                run.stepStarted("check-ssh", 1), run.succeeded("check-ssh", 400),
                run.stepStarted("restart", 1), run.progressed("restart", "stopping worker-gpu"),
                run.failed("restart", 1, "worker-gpu: ERROR (spawn error)", true),
                run.stepStarted("restart", 2), run.succeeded("restart", 2100),
                run.stepStarted("verify-health", 1), run.progressed("verify-health", "attempt 2/20: 503"),
                run.succeeded("verify-health", 15_000), run.finished(RunOutcome.SUCCEEDED, "worker-gpu is back"));
    }

    /** What {@link #successfulRun} must leave in {@code channel}: one root, its final checklist, two replies. */
    void assertFinalSuccessfulThread(String channel, String runId) {
        SlackMessage root = onlyRoot(channel);
        assertThat(root.text()).startsWith(":white_check_mark: restart box-1 worker-gpu — succeeded in 42s (" + runId + ")");
        List<SlackMessage> thread = sandbox.replies(channel, root.ts());
        assertThat(thread).hasSize(3);
        String status = thread.get(0).text();
        assertThat(status.lines().filter(line -> line.startsWith(":white_check_mark: `"))).hasSize(3);
        assertThat(status).contains("*Result:* :white_check_mark:")
                .doesNotContain(":hourglass_flowing_sand:", ":white_large_square:", ":repeat:");
        assertThat(thread.get(1).text()).contains("`restart` failed (attempt 1", "will retry",
                "worker-gpu: ERROR (spawn error)");
        assertThat(thread.get(2).text()).as("the requester is notified by a new message")
                .startsWith("<@U0ONCALL01> :white_check_mark: restart box-1 worker-gpu — succeeded");
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** As a JUnit extension (a field of the test instance, so one per test): closed after each test. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws Exception {
        clock.release();
        try {
            for (AutoCloseable closeable : closing.reversed()) {
                closeable.close();
            }
        } finally {
            slack.close();
            sandbox.close();
        }
    }
}
