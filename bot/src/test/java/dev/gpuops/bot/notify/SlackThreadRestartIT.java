package dev.gpuops.bot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.sandbox.slack.ApiCall;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One thread per run across a notifier restart: thread coordinates on a real KRaft broker
 * ({@code gpuops.slack-threads}), Slack's Web API from the sandbox through the real SDK. The second notifier is a new
 * object with a new store read from Kafka, as after a crash; it re-reads the run's events from its first offset, as
 * {@link RunEventListener} seeks after a restart.
 */
class SlackThreadRestartIT {

    private static final String OPS = NotifierRestartRig.OPS;

    @RegisterExtension
    final NotifierRestartRig rig = new NotifierRestartRig();
    private final SandboxSlack sandbox = rig.sandbox;
    private final SettableClock clock = rig.clock;

    @Test
    void aRestartedNotifierUpdatesTheSameThreadAndRepeatsNoReply() throws Exception {
        RunScript run = new RunScript("r-again001", OPS);
        List<RunEvent> events = successfulRun(run);
        SlackNotifier first = rig.notifier(rig.store());
        NotifierRestartRig.feed(first, events, 0, 7);
        NotifierRestartRig.settle(first);
        String rootTs = rig.onlyRoot().ts();

        // "crash": a new notifier with a new store read from Kafka, re-reading the run from its first event
        SlackNotifier second = rig.notifier(rig.store());
        NotifierRestartRig.feed(second, events, 0, events.size());
        NotifierRestartRig.settle(second);

        SlackMessage root = rig.onlyRoot();
        System.out.println("[notifier restart] threads duplicated=" + (sandbox.messages(OPS).size() - 1)
                + ", replies posted=" + sandbox.replies(OPS, root.ts()).size());
        assertThat(root.ts()).isEqualTo(rootTs);
        assertThat(root.text()).startsWith(":white_check_mark: restart box-1 worker-gpu — succeeded");
        List<SlackMessage> thread = sandbox.replies(OPS, root.ts());
        assertThat(thread).hasSize(3);
        assertThat(thread.get(0).text()).contains("*Result:* :white_check_mark:");
        assertThat(thread.get(1).text()).contains("`restart` failed (attempt 1");
        assertThat(thread.get(2).text()).as("the requester is mentioned once when the run ends")
                .startsWith("<@U0ONCALL01> :white_check_mark: restart box-1 worker-gpu — succeeded");
        assertThat(sandbox.calls("chat.postMessage")).allMatch(ApiCall::ok).hasSize(4);
    }

    @Test
    void aRootPostedButNotRecordedIsFoundByItsMetadataInsteadOfPostedAgain() throws Exception {
        RunScript run = new RunScript("r-lost0001", OPS);
        ThreadStore crashed = rig.store();
        // the previous notifier recorded the run, posted its root and died before recording the ts
        crashed.put(new ThreadCoordinates(run.runId, OPS, 0, 0, null, null, List.of(), false));
        assertThat(new SlackGateway(rig.methods()).post(OPS, null,
                RunMessages.root(new RunView(run.runId, "box-1")), run.runId)).isInstanceOf(SlackGateway.Sent.class);

        SlackNotifier next = rig.notifier(rig.store());
        NotifierRestartRig.feed(next, successfulRun(run), 0, successfulRun(run).size());
        NotifierRestartRig.settle(next);

        assertThat(sandbox.messages(OPS)).hasSize(1);
        assertThat(rig.onlyRoot().text()).startsWith(":white_check_mark: restart box-1 worker-gpu — succeeded");
        assertThat(sandbox.calls("conversations.history")).hasSize(1).allMatch(ApiCall::ok);
    }

    @Test
    void aChecklistPostedButNotRecordedIsFoundByItsMetadataInsteadOfPostedAgain() throws Exception {
        RunScript run = new RunScript("r-lostlist", OPS);
        List<RunEvent> events = successfulRun(run);
        SlackGateway gateway = new SlackGateway(rig.methods());
        SlackGateway.Sent root = (SlackGateway.Sent) gateway.post(OPS, null,
                RunMessages.root(new RunView(run.runId, "box-1")), run.runId);
        // the previous notifier recorded the root, posted the checklist and died before recording the checklist's ts
        rig.store().put(new ThreadCoordinates(run.runId, root.channel(), 0, 0, root.ts(), null, List.of(), false));
        assertThat(gateway.post(root.channel(), root.ts(), RunMessages.status(new RunView(run.runId, "box-1")),
                SlackGateway.STATUS_EVENT_TYPE, run.runId)).isInstanceOf(SlackGateway.Sent.class);

        SlackNotifier next = rig.notifier(rig.store());
        NotifierRestartRig.feed(next, events, 0, events.size());
        NotifierRestartRig.settle(next);

        List<SlackMessage> thread = sandbox.replies(OPS, rig.onlyRoot().ts());
        long checklists = thread.stream().filter(m -> m.text().contains("*Steps* (" + run.runId + ")")).count();
        System.out.println("[checklist crash window] roots=" + sandbox.messages(OPS).size() + ", checklists="
                + checklists + ", replies=" + thread.size());
        assertThat(checklists).isEqualTo(1);
        assertThat(thread.getFirst().text()).as("the checklist found was brought up to date").contains("*Result:* :white_check_mark:");
        assertThat(sandbox.calls("conversations.replies")).hasSize(1).allMatch(ApiCall::ok);
        assertThat(sandbox.calls("chat.postMessage")).as("root, checklist, then only the two thread replies")
                .hasSize(4);
    }

    @Test
    void aRootAndChecklistPostedButNeitherRecordedAreBothFoundInsteadOfPostedAgain() throws Exception {
        RunScript run = new RunScript("r-lostboth", OPS);
        List<RunEvent> events = successfulRun(run);
        // the previous notifier recorded the run, posted root and checklist, and died before recording either ts
        rig.store().put(new ThreadCoordinates(run.runId, OPS, 0, 0, null, null, List.of(), false));
        SlackGateway gateway = new SlackGateway(rig.methods());
        SlackGateway.Sent root = (SlackGateway.Sent) gateway.post(OPS, null,
                RunMessages.root(new RunView(run.runId, "box-1")), run.runId);
        assertThat(gateway.post(root.channel(), root.ts(), RunMessages.status(new RunView(run.runId, "box-1")),
                SlackGateway.STATUS_EVENT_TYPE, run.runId)).isInstanceOf(SlackGateway.Sent.class);

        SlackNotifier next = rig.notifier(rig.store());
        NotifierRestartRig.feed(next, events, 0, events.size());
        NotifierRestartRig.settle(next);

        List<SlackMessage> thread = sandbox.replies(OPS, rig.onlyRoot().ts());
        assertThat(thread.stream().filter(m -> m.text().contains("*Steps* (" + run.runId + ")")).count())
                .isEqualTo(1);
        assertThat(rig.onlyRoot().text()).startsWith(":white_check_mark: restart box-1 worker-gpu — succeeded");
        assertThat(sandbox.calls("conversations.history")).hasSize(1);
        assertThat(sandbox.calls("conversations.replies")).hasSize(1);
        assertThat(sandbox.calls("chat.postMessage")).as("root, checklist, then only the two thread replies")
                .hasSize(4);
    }

    @Test
    void checklistsCarryRunMetadataAndAFreshRunLooksNothingUp() throws Exception {
        RunScript run = new RunScript("r-listmeta", OPS);
        SlackNotifier notifier = rig.notifier(rig.store());
        NotifierRestartRig.feed(notifier, successfulRun(run), 0, 3);
        NotifierRestartRig.settle(notifier);
        String channelId = rig.onlyRoot().channel();

        var replies = rig.methods().conversationsReplies(r -> r.channel(channelId)
                .ts(rig.onlyRoot().ts()).includeAllMetadata(true));

        assertThat(replies.getMessages()).hasSize(2);
        assertThat(replies.getMessages().get(1).getMetadata().getEventType()).isEqualTo("gpuops_run_status");
        assertThat(replies.getMessages().get(1).getMetadata().getEventPayload()).containsEntry("run_id", run.runId);
        assertThat(sandbox.calls("conversations.replies")).as("only the test's own call").hasSize(1);
        assertThat(sandbox.calls("conversations.history")).isEmpty();
    }

    @Test
    void rootsCarryRunMetadataThatHistoryReturnsOnlyWhenAskedFor() throws Exception {
        RunScript run = new RunScript("r-meta0001", OPS);
        SlackNotifier notifier = rig.notifier(rig.store());
        NotifierRestartRig.feed(notifier, successfulRun(run), 0, 2);
        NotifierRestartRig.settle(notifier);
        String channelId = rig.onlyRoot().channel();

        ConversationsHistoryResponse plain = rig.methods()
                .conversationsHistory(r -> r.channel(channelId).limit(10));
        ConversationsHistoryResponse withMetadata = rig.methods()
                .conversationsHistory(r -> r.channel(channelId).limit(10).includeAllMetadata(true));

        assertThat(plain.isOk()).isTrue();
        assertThat(plain.getMessages()).hasSize(1).allMatch(m -> m.getMetadata() == null);
        assertThat(withMetadata.getMessages()).hasSize(1);
        assertThat(withMetadata.getMessages().getFirst().getMetadata().getEventType()).isEqualTo("gpuops_run");
        assertThat(withMetadata.getMessages().getFirst().getMetadata().getEventPayload())
                .containsEntry("run_id", run.runId);
    }

    /** Issue 10: /gpu runs links a run's thread after a restart, from gpuops.slack-threads and chat.getPermalink. */
    @Test
    void runsLinksSurviveARestartThroughTheThreadStore() throws Exception {
        RunScript run = new RunScript("r-links001", OPS);
        SlackNotifier first = rig.notifier(rig.store());
        NotifierRestartRig.feed(first, successfulRun(run), 0, successfulRun(run).size());
        NotifierRestartRig.settle(first);
        SlackMessage root = rig.onlyRoot();
        long lookupsBefore = sandbox.calls("chat.getPermalink").size();

        // a new bot: nothing cached, only what Kafka kept
        dev.gpuops.bot.runs.RunLinks links = new dev.gpuops.bot.runs.RunLinks(10);
        links.resolveWith(new ThreadPermalinks(rig.store(), rig.methods()));
        Map<String, String> found = links.findAll(List.of(run.runId, "r-unknown1"), Duration.ofSeconds(10));
        Map<String, String> again = links.findAll(List.of(run.runId), Duration.ofSeconds(10));

        assertThat(found).containsOnlyKeys(run.runId);
        assertThat(found.get(run.runId)).matches("https://[a-z0-9-]+\\.slack\\.com/archives/" + root.channel()
                + "/p" + root.ts().replace(".", ""));
        assertThat(again).isEqualTo(found);
        assertThat(sandbox.calls("chat.getPermalink")).as("looked up once, then cached")
                .hasSize((int) lookupsBefore + 1).allMatch(dev.gpuops.sandbox.slack.ApiCall::ok);
    }

    private static List<RunEvent> successfulRun(RunScript run) {
        return List.of(run.queued(), run.started("check-ssh", "restart", "verify-health"),
                run.stepStarted("check-ssh", 1), run.succeeded("check-ssh", 400),
                run.stepStarted("restart", 1), run.failed("restart", 1, "worker-gpu: ERROR (spawn error)", true),
                run.stepStarted("restart", 2), run.succeeded("restart", 2100),
                run.stepStarted("verify-health", 1), run.succeeded("verify-health", 15_000),
                run.finished(RunOutcome.SUCCEEDED, "worker-gpu is back"));
    }
}
