package dev.gpuops.bot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.RunOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunMessagesTest {

    private final RunScript script = new RunScript("r-abcd1234", "C0GPUOPS01");

    private RunView view(dev.gpuops.event.RunEvent... events) {
        RunView view = new RunView(script.runId, script.target);
        for (dev.gpuops.event.RunEvent event : events) {
            view.apply(event);
        }
        return view;
    }

    @Test
    void rootSaysWhatRunsAndWhoAsked() {
        SlackText root = RunMessages.root(view(script.queued(), script.started("a")));

        assertThat(root.text()).startsWith(":arrow_forward: restart box-1 worker-gpu — running (r-abcd1234)");
        assertThat(root.text()).contains("requested by <@U0ONCALL01>", "runbook `restart-supervisor`");
    }

    @Test
    void rootShowsTheQueueWhileWaiting() {
        dev.gpuops.event.RunQueued queued = script.queued();
        dev.gpuops.event.RunQueued behind = new dev.gpuops.event.RunQueued(queued.eventId(), queued.occurredAt(),
                queued.target(), queued.runId(), queued.verb(), queued.description(), 2, "r-first001",
                queued.origin());

        assertThat(RunMessages.root(view(behind)).text())
                .startsWith(":double_vertical_bar: restart box-1 worker-gpu — queued behind r-first001 (2 ahead) (r-abcd1234)");
    }

    @Test
    void rootReportsEachOutcome() {
        assertThat(RunMessages.root(view(script.queued(), script.finished(RunOutcome.SUCCEEDED, "ok"))).text())
                .startsWith(":white_check_mark: restart box-1 worker-gpu — succeeded in 42s (r-abcd1234)");
        assertThat(RunMessages.root(view(script.queued(), script.started("a", "b"),
                script.failed("b", 1, "boom", false), script.finished(RunOutcome.FAILED, "worker did not start")))
                .text()).startsWith(":x: restart box-1 worker-gpu — failed at `b` in 42s (r-abcd1234)\n"
                + "worker did not start (the thread has the details)");
        assertThat(RunMessages.root(view(script.queued(), script.finished(RunOutcome.REJECTED,
                "box-1 is production"))).text()).startsWith(":no_entry: restart box-1 worker-gpu — rejected: box-1 is production");
        assertThat(RunMessages.root(view(script.queued(), script.finished(RunOutcome.CANCELLED, "cancelled by alice")))
                .text()).startsWith(":stop_button: restart box-1 worker-gpu — cancelled by alice");
        assertThat(RunMessages.root(view(script.queued(), script.finished(RunOutcome.NOT_APPLIED,
                "not switched"))).text()).startsWith(":warning: restart box-1 worker-gpu — not applied (r-abcd1234)\n"
                + "not switched");
        assertThat(RunMessages.root(view(script.queued(), script.finished(RunOutcome.FOUND_PROBLEMS,
                "box-1: unhealthy"))).text()).startsWith(":red_circle: restart box-1 worker-gpu — found problems (r-abcd1234)\n"
                + "box-1: unhealthy");
    }

    @Test
    void statusIsAChecklistWithTheLatestProgress() {
        SlackText status = RunMessages.status(view(script.queued(), script.started("check", "restart", "retry",
                        "verify"),
                script.stepStarted("check", 1), script.succeeded("check", 1200),
                script.stepStarted("restart", 1), script.progressed("restart", "attempt 3/20: timeout"),
                script.stepStarted("retry", 1), script.failed("retry", 1, "exit 7", true)));

        assertThat(status.text().lines()).containsExactly(
                "*Steps* (r-abcd1234)",
                ":white_check_mark: `check` step check — 1.2s · check ok",
                ":hourglass_flowing_sand: `restart` step restart — running",
                ":repeat: `retry` step retry — retrying (attempt 1 failed)",
                ":white_large_square: `verify` step verify",
                "Latest: restart: attempt 3/20: timeout");
    }

    @Test
    void finalStatusEndsWithTheResult() {
        SlackText status = RunMessages.status(view(script.queued(), script.started("a"), script.stepStarted("a", 1),
                script.failed("a", 1, "boom", false), script.finished(RunOutcome.FAILED, "a failed")));

        assertThat(status.text()).contains(":x: `a` step a — failed after 3.2s")
                .endsWith("*Result:* :x: restart box-1 worker-gpu — failed at `a` in 42s")
                .doesNotContain("Latest:");
    }

    @Test
    void failureReplyQuotesTheErrorSafely() {
        SlackText reply = RunMessages.stepFailed(script.failed("pull", 2, "denied: <@U123> & ```x```", true));

        assertThat(reply.text()).startsWith(":x: `pull` failed (attempt 2, 3.2s) — will retry")
                .contains("denied: &lt;@U123&gt; &amp;").doesNotContain("<@U123>");
    }

    @Test
    void diagnosisReplyHasSymptomsMeaningFixAndRemediation() {
        SlackText reply = RunMessages.diagnosis(script.diagnosed("health"));

        assertThat(reply.text()).contains(
                ":stethoscope: *Diagnosis* for `health`: the model is gated on Hugging Face and HF_TOKEN is missing",
                "pattern `gated-model` · 90% confidence",
                "```401 Client Error\nAccess to model is restricted```",
                "*Fix:* add HF_TOKEN to the box's env file",
                "*Remediation:* `/gpu deploy box-1 --force`");
    }

    @Test
    void aCloseRunnerUpIsNamedAsAlsoPossible() {
        FailureDiagnosed unsure = script.diagnosed("pull", List.of(
                new FailureDiagnosed.Alternative("provider-rate-limited", "Provider rate limit <429>", 0.65)));

        assertThat(RunMessages.diagnosis(unsure).text()).contains("pattern `gated-model` · 90% confidence"
                + " · also possible: `provider-rate-limited` Provider rate limit &lt;429&gt; (65%)");
        assertThat(RunMessages.diagnosis(script.diagnosed("pull")).text()).doesNotContain("also possible");
    }

    @Test
    void formatsDurationsForHumans() {
        assertThat(RunMessages.format(Duration.ofMillis(400))).isEqualTo("0.4s");
        assertThat(RunMessages.format(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(RunMessages.format(Duration.ofSeconds(72))).isEqualTo("1m 12s");
        assertThat(RunMessages.format(Duration.ofMinutes(62))).isEqualTo("1h 02m");
    }

    @Test
    void gatewayRedactsSecretsFromEveryBlock() {
        SlackText leaky = SlackText.of(java.util.List.of(
                new SlackText.Section("login failed with token=ghp_abcdefghijklmnopqrstuvwxyz0123"),
                new SlackText.Context("HF key hf_abcdefghijklmnopqrstuvwxyz")));

        SlackText safe = SlackGateway.redact(leaky);

        assertThat(safe.text()).doesNotContain("ghp_abc", "hf_abc").contains("[REDACTED]");
        assertThat(safe.blocks()).allSatisfy(block -> assertThat(block.toString()).contains("[REDACTED]"));
    }

    @Test
    void rootKeepsOnlyTheFirstLineOfALongFailure() {
        String traceback = "step `run` failed: container crash loop. Last log lines:\n  File \"app.py\"\nGatedRepoError: 401";

        assertThat(RunMessages.firstLine(traceback)).isEqualTo("step `run` failed: container crash loop. Last log lines:");
        assertThat(RunMessages.firstLine("x".repeat(500))).hasSizeLessThan(300).endsWith("(details in the thread)");
        assertThat(RunMessages.firstLine("word ".repeat(100))).as("cut at a word boundary")
                .endsWith("word… (details in the thread)");
    }

    @Test
    void aWaitingStepShowsItsBlastRadiusAndButtonsThenTheDecisionInsteadOfThem() {
        java.time.Instant at = RunScript.T0.plusSeconds(5);
        dev.gpuops.event.ApprovalRequested asked = new dev.gpuops.event.ApprovalRequested("e-a", at, "box-1",
                script.runId, "purge", "runpod.purge_queue", "purge drops 37 queued jobs", "U0ONCALL01",
                "<!subteam^S0SRE>", at.plus(Duration.ofMinutes(15)));

        SlackText waiting = RunMessages.status(view(script.queued(), script.started("look", "purge"), asked));
        assertThat(waiting.text()).contains("Approval needed* before step `purge` (runpod.purge_queue): "
                + "*purge drops 37 queued jobs*").contains("Approvers: <!subteam^S0SRE>")
                .contains("Waits until 19:15:05 UTC").contains("`/gpu approve r-abcd1234`");
        assertThat(waiting.blocks()).filteredOn(SlackText.Actions.class::isInstance).singleElement()
                .satisfies(b -> assertThat(((SlackText.Actions) b).buttons()).extracting(SlackText.Button::actionId,
                        SlackText.Button::value).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("gpuops_approve", "r-abcd1234:purge"),
                        org.assertj.core.groups.Tuple.tuple("gpuops_deny", "r-abcd1234:purge")));

        SlackText decided = RunMessages.status(view(script.queued(), script.started("look", "purge"), asked,
                new dev.gpuops.event.ApprovalGranted("e-g", at.plusSeconds(60), "box-1", script.runId, "purge",
                        "U0ONCALL02", "bob")));
        assertThat(decided.blocks()).noneMatch(SlackText.Actions.class::isInstance);
        assertThat(decided.text()).contains(":white_check_mark: Approved by <@U0ONCALL02> at 19:01:05 UTC");

        SlackText expired = RunMessages.status(view(script.queued(), script.started("look", "purge"), asked,
                new dev.gpuops.event.ApprovalExpired("e-x", at.plus(Duration.ofMinutes(15)), "box-1", script.runId,
                        "purge", Duration.ofMinutes(15))));
        assertThat(expired.text())
                .contains(":hourglass: Expired: nobody decided in time; the run was cancelled at 19:15:05 UTC");
    }

    @Test
    void aPlanListsEveryStepWithWhatItWouldNeed() {
        SlackText plan = ApprovalMessages.plan(new dev.gpuops.event.RunPlanned("e-p", RunScript.T0, "box-1",
                script.runId, java.util.List.of(
                new dev.gpuops.event.RunPlanned.PlannedStep("look", "runpod.health", "{}", false, false, null, null),
                new dev.gpuops.event.RunPlanned.PlannedStep("purge", "runpod.purge_queue", "{}", true, true,
                        "purge drops 2 queued jobs", null))));
        assertThat(plan.text()).startsWith("*Plan* (nothing was run)\n1. `look` runpod.health — safe")
                .contains("2. `purge` runpod.purge_queue — *destructive*, *needs approval*")
                .contains("blast radius: purge drops 2 queued jobs");
    }
}
