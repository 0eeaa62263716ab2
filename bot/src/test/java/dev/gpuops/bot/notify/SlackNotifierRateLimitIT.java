package dev.gpuops.bot.notify;

import static dev.gpuops.bot.notify.NotifierSandbox.awaitTrue;
import static dev.gpuops.bot.notify.NotifierSandbox.settle;
import static dev.gpuops.bot.notify.NotifierSandbox.successfulRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.sandbox.slack.ApiCall;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notifier against the Slack sandbox under Slack's rate limits (429 with Retry-After, per-channel pacing,
 * coalesced updates, transient errors), through the real Slack SDK over HTTP. Notifier and sandbox share a clock
 * that only moves when the notifier sleeps, so pacing and Retry-After are measured on the sandbox's recorded call
 * times without the test waiting for them.
 */
class SlackNotifierRateLimitIT {

    private static final String OPS = NotifierSandbox.OPS;

    @RegisterExtension
    final NotifierSandbox slack = new NotifierSandbox();
    private final SandboxSlack sandbox = slack.sandbox;
    private final SettableClock clock = slack.clock;
    private SlackNotifier notifier = slack.notifier(null);

    private void feed(List<RunEvent> events) {
        events.forEach(notifier::accept);
    }

    @Test
    void stormOf429sLosesNothingAndStillDeliversTheFinalStatus() throws InterruptedException {
        RunScript run = new RunScript("r-storm001", OPS);
        List<RunEvent> events = successfulRun(run);
        feed(events.subList(0, 4));
        settle(notifier);

        sandbox.rateLimitNextCalls(30, Duration.ofSeconds(3));
        for (RunEvent event : events.subList(4, events.size())) {
            notifier.accept(event);
            Thread.sleep(2);
        }
        settle(notifier);

        slack.assertFinalSuccessfulThread(OPS, run.runId);
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
        settle(notifier);

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
    void statusUpdatesCoalesceWhileTheChannelIsBusy() throws InterruptedException {
        RunScript run = new RunScript("r-burst001", OPS);
        // posts one per second, no burst: the lane must wait between the root and the status message
        NotifierSettings d = NotifierSettings.defaults();
        notifier.close();
        notifier = slack.notifier(new NotifierSettings(d.postInterval(), d.updateInterval(), d.maxAttempts(),
                d.retryBackoff(), d.maxQueuedPosts(), d.dedupeCapacity(), null, 1));
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
        settle(notifier);

        SlackMessage root = slack.onlyRoot(OPS);
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
        settle(notifier);
        slack.assertFinalSuccessfulThread(OPS, slow.runId);
        slack.assertFinalSuccessfulThread(SandboxSlack.GPU_ALERTS, fast.runId);
    }

    @Test
    void transientErrorsAreRetried() throws InterruptedException {
        RunScript run = new RunScript("r-retry001", OPS);
        List<RunEvent> events = successfulRun(run);
        feed(events.subList(0, 4));
        settle(notifier);

        sandbox.failNext("chat.update", 3, "internal_error");
        sandbox.failNext("chat.postMessage", 2, "service_unavailable");
        feed(events.subList(4, events.size()));
        settle(notifier);

        slack.assertFinalSuccessfulThread(OPS, run.runId);
        assertThat(sandbox.calls("chat.update")).filteredOn(c -> "internal_error".equals(c.error())).hasSize(3);
        assertThat(sandbox.calls("chat.postMessage")).filteredOn(c -> "service_unavailable".equals(c.error()))
                .hasSize(2);
    }
}
