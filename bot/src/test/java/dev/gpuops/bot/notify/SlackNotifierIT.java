package dev.gpuops.bot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.sandbox.slack.ApiCall;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier against the Slack sandbox through the real Slack SDK over HTTP. Notifier and sandbox share a clock
 * that only moves when the notifier sleeps, so pacing and Retry-After are measured on the sandbox's recorded call
 * times without the test waiting for them.
 */
class SlackNotifierIT {

    private static final String OPS = SandboxSlack.GPU_OPS;
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final SettableClock clock = new SettableClock(RunScript.T0);
    private SandboxSlack sandbox;
    private Slack slack;
    private SlackNotifier notifier;

    @BeforeEach
    void start() {
        sandbox = SandboxSlack.builder().clock(clock).start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(sandbox.apiUrl());
        slack = Slack.getInstance(config);
        notifier = new SlackNotifier(slack.methods(sandbox.botToken()), NotifierSettings.defaults(), clock, clock::sleep);
    }

    @AfterEach
    void stop() throws Exception {
        clock.release();
        notifier.close();
        slack.close();
        sandbox.close();
    }

    private static List<RunEvent> successfulRun(RunScript run) {
        return List.of(run.queued(), run.started("check-ssh", "restart", "verify-health"),
                run.stepStarted("check-ssh", 1), run.succeeded("check-ssh", 400),
                run.stepStarted("restart", 1), run.progressed("restart", "stopping worker-gpu"),
                run.failed("restart", 1, "worker-gpu: ERROR (spawn error)", true),
                run.stepStarted("restart", 2), run.succeeded("restart", 2100),
                run.stepStarted("verify-health", 1), run.progressed("verify-health", "attempt 2/20: 503"),
                run.succeeded("verify-health", 15_000), run.finished(RunOutcome.SUCCEEDED, "worker-gpu is back"));
    }

    private void feed(List<RunEvent> events) {
        events.forEach(notifier::accept);
    }

    private void settle() throws InterruptedException {
        assertThat(notifier.awaitIdle(SETTLE)).as("notifier went idle").isTrue();
    }

    private SlackMessage onlyRoot(String channel) {
        assertThat(sandbox.messages(channel)).hasSize(1);
        return sandbox.messages(channel).getFirst();
    }

    private void assertFinalSuccessfulThread(String channel, String runId) {
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

    @Test
    void fullRunEndsWithOneRootOneFinalStatusAndAFailureReply() throws InterruptedException {
        RunScript run = new RunScript("r-full0001", OPS);

        feed(successfulRun(run));
        settle();

        assertFinalSuccessfulThread(OPS, run.runId);
        assertThat(sandbox.calls("chat.postMessage")).allMatch(ApiCall::ok).hasSize(4);
        assertThat(notifier.activeRuns()).isZero();
    }

    @Test
    void channelGivenByNameIsUpdatedByItsId() throws InterruptedException {
        RunScript run = new RunScript("r-named001", "gpu-ops");
        List<RunEvent> events = successfulRun(run);

        // root and status message are posted to the name first; everything after must update them by id
        feed(events.subList(0, 4));
        settle();
        feed(events.subList(4, events.size()));
        settle();

        assertFinalSuccessfulThread(OPS, run.runId);
        assertThat(sandbox.calls("chat.update")).isNotEmpty().allMatch(ApiCall::ok);
    }

    @Test
    void failedRunRepliesWithTheDiagnosisAndMarksTheRootFailed() throws InterruptedException {
        RunScript run = new RunScript("r-fail0001", OPS);

        feed(List.of(run.queued(), run.started("pull", "health"), run.stepStarted("pull", 1),
                run.succeeded("pull", 900), run.stepStarted("health", 1),
                run.failed("health", 1, "GET /health -> 500 after 300s", false), run.diagnosed("health"),
                run.finished(RunOutcome.FAILED, "health check failed")));
        settle();

        SlackMessage root = onlyRoot(OPS);
        assertThat(root.text()).startsWith(":x: restart box-1 worker-gpu — failed at `health` in 42s")
                .contains("*the model is gated on Hugging Face and HF_TOKEN is missing* — fix:"
                        + " `/gpu deploy box-1 --force`");
        List<SlackMessage> thread = sandbox.replies(OPS, root.ts());
        assertThat(thread).extracting(SlackMessage::text).satisfiesExactly(
                status -> assertThat(status).contains(":white_check_mark: `pull`", ":x: `health` step health — failed after 3.2s"),
                failure -> assertThat(failure).contains("GET /health -&gt; 500 after 300s"),
                diagnosis -> assertThat(diagnosis).contains("HF_TOKEN is missing", "*Fix:*",
                        "*Remediation:* `/gpu deploy box-1 --force`", "Access to model is restricted"),
                done -> assertThat(done).startsWith("<@U0ONCALL01> :x:"));
    }

    @Test
    void stormOf429sLosesNothingAndStillDeliversTheFinalStatus() throws InterruptedException {
        RunScript run = new RunScript("r-storm001", OPS);
        List<RunEvent> events = successfulRun(run);
        feed(events.subList(0, 4));
        settle();

        sandbox.rateLimitNextCalls(30, Duration.ofSeconds(3));
        for (RunEvent event : events.subList(4, events.size())) {
            notifier.accept(event);
            Thread.sleep(2);
        }
        settle();

        assertFinalSuccessfulThread(OPS, run.runId);
        assertThat(sandbox.calls()).filteredOn(ApiCall::rateLimited).hasSize(30)
                .extracting(ApiCall::method).contains("chat.update");
        for (String method : List.of("chat.postMessage", "chat.update")) {
            List<ApiCall> calls = sandbox.calls(method);
            // posts may come in bursts of NotifierSettings.DEFAULT_POST_BURST, then one per second; updates never
            int burst = method.equals("chat.postMessage") ? NotifierSettings.DEFAULT_POST_BURST : 1;
            for (int i = 1; i < calls.size(); i++) {
                Duration gap = Duration.between(calls.get(i - 1).at(), calls.get(i).at());
                if (calls.get(i - 1).rateLimited()) {
                    assertThat(gap).as("%s call %d came %s after a 429", method, i, gap)
                            .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
                }
                if (i >= burst) {
                    Duration window = Duration.between(calls.get(i - burst).at(), calls.get(i).at());
                    assertThat(window).as("%s calls %d..%d came within %s", method, i - burst, i, window)
                            .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
                }
            }
        }
    }

    @Test
    void postsInOneChannelStayWithinSlacksPerChannelLimit() throws InterruptedException {
        // Slack's documented limit: 1 post/s per channel with short bursts; the sandbox answers 429 beyond it
        sandbox.channelPostLimit(true, NotifierSettings.DEFAULT_POST_BURST);
        List<RunEvent> events = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            events.addAll(successfulRun(new RunScript("r-pace000" + i, OPS)));
        }

        feed(events);
        settle();

        List<ApiCall> posts = sandbox.calls("chat.postMessage");
        assertThat(posts).hasSize(12).allMatch(ApiCall::ok);
        int burst = NotifierSettings.DEFAULT_POST_BURST;
        for (int i = burst; i < posts.size(); i++) {
            assertThat(Duration.between(posts.get(i - burst).at(), posts.get(i).at()))
                    .as("posts %d..%d", i - burst, i).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(sandbox.messages(OPS)).extracting(SlackMessage::text)
                .allMatch(text -> text.startsWith(":white_check_mark: restart box-1 worker-gpu — succeeded"));
    }

    @Test
    void redeliveredEventsDoNotDuplicateMessages() throws InterruptedException {
        RunScript run = new RunScript("r-dupe0001", OPS);
        List<RunEvent> events = successfulRun(run);

        for (RunEvent event : events) {
            notifier.accept(event);
            notifier.accept(event);
        }
        settle();
        long posts = sandbox.callCount("chat.postMessage");
        feed(events);
        settle();

        assertFinalSuccessfulThread(OPS, run.runId);
        assertThat(sandbox.callCount("chat.postMessage")).isEqualTo(posts).isEqualTo(4);
    }

    @Test
    void statusUpdatesCoalesceWhileTheChannelIsBusy() throws InterruptedException {
        RunScript run = new RunScript("r-burst001", OPS);
        // posts one per second, no burst: the lane must wait between the root and the status message
        notifier.close();
        NotifierSettings d = NotifierSettings.defaults();
        notifier = new SlackNotifier(slack.methods(sandbox.botToken()), new NotifierSettings(d.postInterval(),
                d.updateInterval(), d.maxAttempts(), d.retryBackoff(), d.maxQueuedPosts(), d.dedupeCapacity(),
                null, 1), clock, clock::sleep);
        clock.holdSleepsOfAtLeast(Duration.ofMillis(1));
        feed(List.of(run.queued(), run.started("wait-health")));
        awaitTrue(() -> clock.held() == 1, "lane waiting to post the status message");
        long updatesBefore = sandbox.callCount("chat.update");
        List<RunEvent> burst = new ArrayList<>(List.of(run.stepStarted("wait-health", 1)));
        for (int i = 1; i <= 40; i++) {
            burst.add(run.progressed("wait-health", "attempt " + i + "/40: 503"));
        }
        burst.add(run.succeeded("wait-health", 40_000));
        burst.add(run.finished(RunOutcome.SUCCEEDED, "healthy"));
        feed(burst);

        clock.release();
        settle();

        SlackMessage root = onlyRoot(OPS);
        assertThat(root.text()).startsWith(":white_check_mark:");
        assertThat(sandbox.replies(OPS, root.ts()).getFirst().text()).contains(":white_check_mark: `wait-health`");
        assertThat(sandbox.callCount("chat.update") - updatesBefore).as("one update for 43 events").isEqualTo(1);
    }

    @Test
    void aRateLimitedChannelDoesNotHoldUpAnother() throws InterruptedException {
        RunScript slow = new RunScript("r-slow0001", OPS);
        RunScript fast = new RunScript("r-fast0001", SandboxSlack.GPU_ALERTS);
        sandbox.rateLimitNextCalls(1, Duration.ofSeconds(60), "chat.postMessage");
        clock.holdSleepsOfAtLeast(Duration.ofSeconds(30));

        notifier.accept(slow.queued());
        awaitTrue(() -> sandbox.calls().stream().anyMatch(ApiCall::rateLimited), "slow channel rate-limited");
        feed(successfulRun(fast));
        awaitTrue(() -> sandbox.messages(SandboxSlack.GPU_ALERTS).stream()
                .anyMatch(m -> m.text().startsWith(":white_check_mark:")), "other channel finished");

        assertThat(sandbox.messages(OPS)).isEmpty();
        clock.release();
        feed(successfulRun(slow).subList(1, 13));
        settle();
        assertFinalSuccessfulThread(OPS, slow.runId);
        assertFinalSuccessfulThread(SandboxSlack.GPU_ALERTS, fast.runId);
    }

    @Test
    void transientErrorsAreRetried() throws InterruptedException {
        RunScript run = new RunScript("r-retry001", OPS);
        List<RunEvent> events = successfulRun(run);
        feed(events.subList(0, 4));
        settle();

        sandbox.failNext("chat.update", 3, "internal_error");
        sandbox.failNext("chat.postMessage", 2, "service_unavailable");
        feed(events.subList(4, events.size()));
        settle();

        assertFinalSuccessfulThread(OPS, run.runId);
        assertThat(sandbox.calls("chat.update")).filteredOn(c -> "internal_error".equals(c.error())).hasSize(3);
        assertThat(sandbox.calls("chat.postMessage")).filteredOn(c -> "service_unavailable".equals(c.error()))
                .hasSize(2);
    }

    @Test
    void unknownChannelIsGivenUpWithoutHurtingOtherRuns() throws InterruptedException {
        RunScript lost = new RunScript("r-lost0001", "C0NOSUCH00");
        RunScript fine = new RunScript("r-fine0001", OPS);

        feed(successfulRun(lost));
        feed(successfulRun(fine));
        settle();

        assertThat(sandbox.calls("chat.postMessage")).filteredOn(c -> "channel_not_found".equals(c.error()))
                .hasSize(1);
        assertFinalSuccessfulThread(OPS, fine.runId);
        assertThat(notifier.activeRuns()).isZero();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
