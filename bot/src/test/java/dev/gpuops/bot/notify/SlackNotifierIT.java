package dev.gpuops.bot.notify;

import static dev.gpuops.bot.notify.NotifierSandbox.settle;
import static dev.gpuops.bot.notify.NotifierSandbox.successfulRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.sandbox.slack.ApiCall;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notifier against the Slack sandbox through the real Slack SDK over HTTP. Notifier and sandbox share a clock
 * that only moves when the notifier sleeps, so pacing and Retry-After are measured on the sandbox's recorded call
 * times without the test waiting for them.
 */
class SlackNotifierIT {

    private static final String OPS = NotifierSandbox.OPS;

    @RegisterExtension
    final NotifierSandbox slack = new NotifierSandbox();
    private final SandboxSlack sandbox = slack.sandbox;
    private SlackNotifier notifier = slack.notifier(null);

    private void feed(List<RunEvent> events) {
        events.forEach(notifier::accept);
    }

    @Test
    void fullRunEndsWithOneRootOneFinalStatusAndAFailureReply() throws InterruptedException {
        RunScript run = new RunScript("r-full0001", OPS);

        feed(successfulRun(run));
        settle(notifier);

        slack.assertFinalSuccessfulThread(OPS, run.runId);
        assertThat(sandbox.calls("chat.postMessage")).allMatch(ApiCall::ok).hasSize(4);
        assertThat(notifier.activeRuns()).isZero();
    }

    @Test
    void channelGivenByNameIsUpdatedByItsId() throws InterruptedException {
        RunScript run = new RunScript("r-named001", "gpu-ops");
        List<RunEvent> events = successfulRun(run);

        // root and status message are posted to the name first; everything after must update them by id
        feed(events.subList(0, 4));
        settle(notifier);
        feed(events.subList(4, events.size()));
        settle(notifier);

        slack.assertFinalSuccessfulThread(OPS, run.runId);
        assertThat(sandbox.calls("chat.update")).isNotEmpty().allMatch(ApiCall::ok);
    }

    @Test
    void failedRunRepliesWithTheDiagnosisAndMarksTheRootFailed() throws InterruptedException {
        RunScript run = new RunScript("r-fail0001", OPS);

        feed(List.of(run.queued(), run.started("pull", "health"), run.stepStarted("pull", 1),
                run.succeeded("pull", 900), run.stepStarted("health", 1),
                run.failed("health", 1, "GET /health -> 500 after 300s", false), run.diagnosed("health"),
                run.finished(RunOutcome.FAILED, "health check failed")));
        settle(notifier);

        SlackMessage root = slack.onlyRoot(OPS);
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
    void redeliveredEventsDoNotDuplicateMessages() throws InterruptedException {
        RunScript run = new RunScript("r-dupe0001", OPS);
        List<RunEvent> events = successfulRun(run);

        for (RunEvent event : events) {
            notifier.accept(event);
            notifier.accept(event);
        }
        settle(notifier);
        long posts = sandbox.callCount("chat.postMessage");
        feed(events);
        settle(notifier);

        slack.assertFinalSuccessfulThread(OPS, run.runId);
        assertThat(sandbox.callCount("chat.postMessage")).isEqualTo(posts).isEqualTo(4);
    }

    @Test
    void unknownChannelIsGivenUpWithoutHurtingOtherRuns() throws InterruptedException {
        RunScript lost = new RunScript("r-lost0001", "C0NOSUCH00");
        RunScript fine = new RunScript("r-fine0001", OPS);

        feed(successfulRun(lost));
        feed(successfulRun(fine));
        settle(notifier);

        assertThat(sandbox.calls("chat.postMessage")).filteredOn(c -> "channel_not_found".equals(c.error()))
                .hasSize(1);
        slack.assertFinalSuccessfulThread(OPS, fine.runId);
        assertThat(notifier.activeRuns()).isZero();
    }
}
