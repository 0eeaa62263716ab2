package dev.gpuops.bot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.Events;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Golden messages: for each way a run can end, the exact root message and the requester's notification as the
 * Slack sandbox receives them (chat.postMessage / chat.update over HTTP through the real Slack SDK).
 */
class RunOutcomeMessagesIT {

    private static final String OPS = SandboxSlack.GPU_OPS;
    private static final String ASKED = "requested by <@U0ONCALL01> with `/gpu restart box-1 worker-gpu`"
            + " · runbook `restart-supervisor`";

    @RegisterExtension
    final NotifierSandbox slack = new NotifierSandbox();
    private final SandboxSlack sandbox = slack.sandbox;
    private final SettableClock clock = slack.clock;
    private SlackNotifier notifier = slack.notifier(null);

    private SlackMessage finish(RunScript run, RunEvent... tail) throws InterruptedException {
        List<RunEvent> events = new ArrayList<>(List.of(run.queued(), run.started("active", "health"),
                run.stepStarted("active", 1)));
        events.addAll(List.of(tail));
        events.forEach(notifier::accept);
        assertThat(notifier.awaitIdle(Duration.ofSeconds(20))).as("notifier went idle").isTrue();
        assertThat(sandbox.messages(OPS)).as("one root message per run").hasSize(1);
        SlackMessage root = sandbox.messages(OPS).getFirst();
        onlyEmojiCodes(root);
        return root;
    }

    /** Every text of the thread (root, its edits, replies, blocks) uses Slack's :codes:, never a raw pictograph. */
    private void onlyEmojiCodes(SlackMessage root) {
        List<SlackMessage> thread = new ArrayList<>(List.of(root));
        thread.addAll(sandbox.replies(OPS, root.ts()));
        for (SlackMessage message : thread) {
            String all = message.text() + "\n" + message.blocksJson() + "\n" + String.join("\n", message.edits());
            assertThat(all).as("Slack emoji codes, not raw emoji")
                    .doesNotContainPattern("[\\x{2300}-\\x{23FF}\\x{2600}-\\x{27BF}\\x{2B00}-\\x{2BFF}"
                            + "\\x{1F300}-\\x{1FAFF}]");
        }
        assertThat(root.text()).matches("(?s):[a-z_]+: .*");
    }

    private String lastReply(SlackMessage root) {
        return sandbox.replies(OPS, root.ts()).getLast().text();
    }

    @Test
    void succeeded() throws InterruptedException {
        RunScript run = new RunScript("r-gold0001", OPS);
        SlackMessage root = finish(run, run.succeeded("active", 1000), run.stepStarted("health", 1),
                run.succeeded("health", 2000), run.finished(RunOutcome.SUCCEEDED, "2 of 2 steps done"));

        assertThat(root.text()).isEqualTo(":white_check_mark: restart box-1 worker-gpu — succeeded in 42s (r-gold0001)\n" + ASKED);
        assertThat(lastReply(root)).isEqualTo("<@U0ONCALL01> :white_check_mark: restart box-1 worker-gpu — succeeded in 42s");
    }

    @Test
    void failedWithADiagnosisShowsItsTitleAndFixFirst() throws InterruptedException {
        RunScript run = new RunScript("r-gold0002", OPS);
        SlackMessage root = finish(run, run.succeeded("active", 1000), run.stepStarted("health", 1),
                run.failed("health", 1, "GET /health refused for 5m", false), run.diagnosed("health"),
                run.finished(RunOutcome.FAILED, "step `health` (http.health) failed: GET /health refused for 5m"));

        assertThat(root.text()).isEqualTo(":x: restart box-1 worker-gpu — failed at `health` in 42s (r-gold0002)\n"
                + "*the model is gated on Hugging Face and HF_TOKEN is missing* — fix: `/gpu deploy box-1 --force`\n"
                + ASKED);
        assertThat(lastReply(root)).startsWith("<@U0ONCALL01> :x: restart box-1 worker-gpu — failed at `health`")
                .contains("— fix: `/gpu deploy box-1 --force`");
    }

    @Test
    void cancelledSaysByWhomWhereAndWhatItLeftBehindAndIsNeverDiagnosed() throws InterruptedException {
        RunScript run = new RunScript("r-gold0003", OPS);
        SlackMessage root = finish(run, run.finished(RunOutcome.CANCELLED, "cancelled by alice at step `active`\n"
                + "Left behind: VM a1391361 (gpu_1x_a10, $0.75/h) was launched and is still running;"
                + " `/gpu status image-server`"));

        assertThat(root.text()).isEqualTo(":stop_button: restart box-1 worker-gpu — cancelled by alice at step `active`"
                + " (r-gold0003)\n:warning: Left behind: VM a1391361 (gpu_1x_a10, $0.75/h) was launched and is still"
                + " running; `/gpu status image-server`\n" + ASKED);
        List<SlackMessage> thread = sandbox.replies(OPS, root.ts());
        assertThat(thread.getFirst().text()).contains(":stop_button: `active` step active — stopped (cancelled)")
                .doesNotContain(":hourglass_flowing_sand:");
        assertThat(thread).noneMatch(m -> m.text().contains(":stethoscope:") || m.text().contains("failed"));
    }

    @Test
    void notAppliedSaysWhatToChange() throws InterruptedException {
        RunScript run = new RunScript("r-gold0004", OPS);
        String why = "huihuang was not switched to canary: its runtime.restartCommand `/workspace/start_remote.sh"
                + " --restart` has no {tag}, so it can only restart the image the instance already runs; nothing was"
                + " restarted. Add {tag} where the runtime takes its image tag";
        SlackMessage root = finish(run, run.finished(RunOutcome.NOT_APPLIED, why));

        assertThat(root.text()).isEqualTo(":warning: restart box-1 worker-gpu — not applied (r-gold0004)\n" + why + "\n"
                + ASKED);
        assertThat(sandbox.replies(OPS, root.ts()).getFirst().text())
                .contains(":warning: `active` step active — not applied");
        assertThat(sandbox.replies(OPS, root.ts())).noneMatch(m -> m.text().contains(":x:"));
    }

    @Test
    void foundUnhealthyShowsTheFindingAndTheCauseNotAFailedCommand() throws InterruptedException {
        RunScript run = new RunScript("r-gold0005", OPS);
        FailureDiagnosed cause = new FailureDiagnosed(Events.newEventId(), RunScript.T0, run.target, run.runId,
                "health", "python-dependency-missing", 0.9, "A Python dependency is missing. The app imports a"
                + " package its image does not have.", "Add the package to requirements.txt and rebuild the image.",
                List.of("ModuleNotFoundError: No module named 'torchvision'"), null);
        SlackMessage root = finish(run, run.failed("active", 1, "fastapi FATAL", false), run.stepStarted("health", 1),
                run.failed("health", 1, "3 programs FATAL", false), cause,
                run.finished(RunOutcome.FOUND_PROBLEMS, "box-1: unhealthy — services: fastapi FATAL, worker-cpu"
                        + " FATAL, worker-gpu FATAL; health: /health refused"));

        assertThat(root.text()).isEqualTo(":red_circle: restart box-1 worker-gpu — found problems (r-gold0005)\n"
                + "box-1: unhealthy — services: fastapi FATAL, worker-cpu FATAL, worker-gpu FATAL; health: /health"
                + " refused\nLikely cause: *A Python dependency is missing.* — fix: Add the package to"
                + " requirements.txt and rebuild the image.\n" + ASKED);
        assertThat(root.text()).doesNotContain(":x:");
    }

    @Test
    void everyTextEscapesAmpersandAndAngleBrackets() throws InterruptedException {
        RunScript run = new RunScript("r-gold0006", OPS);
        SlackMessage root = finish(run, run.failed("active", 1, "usage: deploy <target> <tag> & <@U999>", false),
                run.finished(RunOutcome.FAILED, "step `active` failed: usage: deploy <target> <tag> & <!channel>"));

        assertThat(root.text()).contains("usage: deploy &lt;target&gt; &lt;tag&gt; &amp; &lt;!channel&gt;")
                .doesNotContain("<target>", "<!channel>");
        assertThat(sandbox.replies(OPS, root.ts())).allSatisfy(m -> assertThat(m.text())
                .doesNotContain("<target>", "<@U999>", " & "));
    }

    @Test
    void eachRunsThreadPermalinkComesFromChatGetPermalink() throws InterruptedException {
        dev.gpuops.bot.runs.RunLinks links = new dev.gpuops.bot.runs.RunLinks(10);
        notifier.reportPermalinksTo(links::put);
        RunScript run = new RunScript("r-gold0008", OPS);
        SlackMessage root = finish(run, run.finished(RunOutcome.SUCCEEDED, "done"));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (links.find(run.runId).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String channelId = root.channel();
        assertThat(links.find(run.runId)).get().asString()
                .matches("https://[a-z0-9-]+\\.slack\\.com/archives/" + channelId + "/p"
                        + root.ts().replace(".", ""));
        assertThat(sandbox.calls("chat.getPermalink")).isNotEmpty().allMatch(dev.gpuops.sandbox.slack.ApiCall::ok);
    }

    @Test
    void theRequesterIsMentionedInANewReplyWhenTheRunEnds() throws InterruptedException {
        RunScript run = new RunScript("r-gold0007", OPS);
        SlackMessage root = finish(run, run.finished(RunOutcome.SUCCEEDED, "done"));

        List<SlackMessage> thread = sandbox.replies(OPS, root.ts());
        assertThat(thread).filteredOn(m -> m.text().startsWith("<@U0ONCALL01> ")).singleElement()
                .satisfies(m -> assertThat(m.edits()).as("a new message notifies; an edit does not").isEmpty());
    }
}
