package dev.gpuops.bot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.Message;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.sandbox.slack.ApiCall;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thread replies across a notifier crash: a reply Slack accepted but that was never recorded as posted is found in
 * the thread by its metadata ({@code gpuops_run_reply {run_id, event_id}}) instead of being posted again. Thread
 * coordinates on a real KRaft broker, Slack's Web API from the sandbox through the real SDK. The "crash" is a store
 * whose writes stop reaching Kafka right after it recorded a reply as being posted, as when the process dies there;
 * the restarted notifier is a new object with a new store read from Kafka, re-reading the run from its first event.
 */
class SlackReplyRestartIT {

    private static final String OPS = NotifierRestartRig.OPS;
    /** Indexes in {@link #run}: the three events that become thread replies. */
    private static final int FAILURE_REPLY = 5;
    private static final int RESUMED_REPLY = 9;
    private static final int ANSWER_REPLY = 11;

    @RegisterExtension
    final NotifierRestartRig rig = new NotifierRestartRig();
    private final SandboxSlack sandbox = rig.sandbox;
    private final SettableClock clock = rig.clock;

    @ParameterizedTest(name = "reply for event #{0}")
    @ValueSource(ints = {FAILURE_REPLY, RESUMED_REPLY, ANSWER_REPLY})
    void aReplyPostedButNotRecordedIsFoundByItsMetadataInsteadOfPostedAgain(int crashAt) throws Exception {
        RunScript script = new RunScript("r-reply-" + crashAt, OPS);
        List<RunEvent> events = run(script);
        SlackNotifier first = rig.notifier(new CrashingStore(events.get(crashAt).eventId()));
        NotifierRestartRig.feed(first, events, 0, crashAt + 1);
        NotifierRestartRig.settle(first);
        first.close();
        List<SlackMessage> before = sandbox.replies(OPS, rig.onlyRoot().ts());
        assertThat(before).as("the reply went out before the crash").last()
                .satisfies(m -> assertThat(matches(events.get(crashAt), m.text())).isTrue());

        SlackNotifier next = rig.notifier(rig.store());
        NotifierRestartRig.feed(next, events, 0, events.size());
        NotifierRestartRig.settle(next);

        List<SlackMessage> thread = sandbox.replies(OPS, rig.onlyRoot().ts());
        long copies = thread.stream().filter(m -> matches(events.get(crashAt), m.text())).count();
        System.out.println("[reply crash window, event #" + crashAt + "] copies of the reply=" + copies
                + ", thread messages=" + thread.size() + ", lookups=" + sandbox.calls("conversations.replies").size());
        assertThat(copies).isEqualTo(1);
        assertThat(thread).as("checklist, failure, resumed, answer").hasSize(4);
        assertThat(thread.stream().map(SlackMessage::text).distinct()).hasSize(4);
        assertThat(thread.get(3).text()).startsWith("<@U0ONCALL01> :white_check_mark: restart box-1 worker-gpu");
        assertThat(sandbox.calls("conversations.replies")).as("one lookup, for the reply in flight")
                .hasSize(1).allMatch(ApiCall::ok);
        assertThat(sandbox.calls("chat.postMessage")).as("root, checklist and three replies, each once")
                .hasSize(5).allMatch(ApiCall::ok);
    }

    @Test
    void aReplyRecordedAsInFlightButNeverPostedIsPostedOnceAfterTheLookup() throws Exception {
        RunScript script = new RunScript("r-reply-np", OPS);
        List<RunEvent> events = run(script);
        ThreadStore store = rig.store();
        SlackNotifier first = rig.notifier(store);
        NotifierRestartRig.feed(first, events, 0, FAILURE_REPLY);
        NotifierRestartRig.settle(first);
        first.close();
        // the notifier recorded the failure reply as being posted and died before its chat.postMessage
        ThreadCoordinates recorded = store.find(script.runId).orElseThrow();
        store.put(recorded.withReplying(events.get(FAILURE_REPLY).eventId()));

        SlackNotifier next = rig.notifier(rig.store());
        NotifierRestartRig.feed(next, events, 0, events.size());
        NotifierRestartRig.settle(next);

        List<SlackMessage> thread = sandbox.replies(OPS, rig.onlyRoot().ts());
        assertThat(thread.stream().filter(m -> matches(events.get(FAILURE_REPLY), m.text())).count())
                .as("looked up, not found, posted").isEqualTo(1);
        assertThat(thread).hasSize(4);
        assertThat(sandbox.calls("conversations.replies")).hasSize(1).allMatch(ApiCall::ok);
        assertThat(sandbox.calls("chat.postMessage")).hasSize(5);
    }

    @Test
    void theNormalPathAndACleanRestartLookNothingUpAndRepliesCarryTheirIdentity() throws Exception {
        RunScript script = new RunScript("r-reply-ok", OPS);
        List<RunEvent> events = run(script);
        SlackNotifier first = rig.notifier(rig.store());
        NotifierRestartRig.feed(first, events, 0, RESUMED_REPLY + 1);
        NotifierRestartRig.settle(first);
        first.close();
        assertThat(sandbox.calls("conversations.replies")).as("no lookups while nothing crashed").isEmpty();

        // a clean restart: every reply so far was recorded as posted
        SlackNotifier next = rig.notifier(rig.store());
        NotifierRestartRig.feed(next, events, 0, events.size());
        NotifierRestartRig.settle(next);

        assertThat(sandbox.calls("conversations.replies")).as("a recorded reply is never looked up").isEmpty();
        assertThat(sandbox.calls("conversations.history")).isEmpty();
        assertThat(sandbox.calls("chat.postMessage")).hasSize(5);
        SlackMessage root = rig.onlyRoot();
        List<Message> thread = rig.methods().conversationsReplies(r -> r.channel(root.channel())
                .ts(root.ts()).includeAllMetadata(true)).getMessages();
        assertThat(thread).hasSize(5);
        for (int i = 0; i < 3; i++) {
            RunEvent replied = events.get(List.of(FAILURE_REPLY, RESUMED_REPLY, ANSWER_REPLY).get(i));
            Message.Metadata metadata = thread.get(i + 2).getMetadata();
            assertThat(metadata.getEventType()).isEqualTo("gpuops_run_reply");
            assertThat(metadata.getEventPayload()).containsEntry("run_id", script.runId)
                    .containsEntry("event_id", replied.eventId());
        }
    }

    @Test
    void aReplyLookupPagesThroughALongThread() throws Exception {
        SlackGateway gateway = new SlackGateway(rig.methods());
        SlackGateway.Sent root = (SlackGateway.Sent) gateway.post(OPS, null,
                RunMessages.root(new RunView("r-longthrd", "box-1")), "r-longthrd");
        for (int i = 0; i < SlackGateway.LOOKUP_WINDOW + 30; i++) {
            assertThat(gateway.postReply(root.channel(), root.ts(), SlackText.of(List.of(new SlackText.Section(
                    "filler " + i))), "r-longthrd", "e-filler-" + i)).isInstanceOf(SlackGateway.Sent.class);
        }
        SlackGateway.Sent late = (SlackGateway.Sent) gateway.postReply(root.channel(), root.ts(),
                SlackText.of(List.of(new SlackText.Section("the late one"))), "r-longthrd", "e-late");
        long before = sandbox.calls("conversations.replies").size();

        SlackGateway.Result found = gateway.findReply(root.channel(), root.ts(), "r-longthrd", "e-late");
        long pagesRead = sandbox.calls("conversations.replies").size() - before;
        SlackGateway.Result otherRun = gateway.findReply(root.channel(), root.ts(), "r-other001", "e-late");
        SlackGateway.Result absent = gateway.findReply(root.channel(), root.ts(), "r-longthrd", "e-never");

        assertThat(found).isEqualTo(new SlackGateway.Sent(root.channel(), late.ts()));
        assertThat(pagesRead).as("the reply is on the second page").isEqualTo(2);
        assertThat(otherRun).isEqualTo(new SlackGateway.Failed("not_found", false));
        assertThat(absent).isEqualTo(new SlackGateway.Failed("not_found", false));
    }

    /** A run with three thread replies: a step failure, a resume after a restart, and the answer at the end. */
    private static List<RunEvent> run(RunScript run) {
        return List.of(run.queued(), run.started("check-ssh", "restart", "verify-health"),
                run.stepStarted("check-ssh", 1), run.succeeded("check-ssh", 400),
                run.stepStarted("restart", 1), run.failed("restart", 1, "worker-gpu: ERROR (spawn error)", true),
                run.stepStarted("restart", 2), run.succeeded("restart", 2100),
                run.stepStarted("verify-health", 1),
                run.progressed("verify-health", ChannelLane.RESUMED + "; waiting for health again"),
                run.succeeded("verify-health", 15_000),
                run.finished(RunOutcome.SUCCEEDED, "worker-gpu is back"));
    }

    /** Whether {@code text} is the thread reply gpuops posts for {@code event}. */
    private static boolean matches(RunEvent event, String text) {
        return switch (event.getClass().getSimpleName()) {
            case "StepFailed" -> text.contains("`restart` failed (attempt 1");
            case "StepProgressed" -> text.contains(ChannelLane.RESUMED);
            case "RunFinished" -> text.startsWith("<@U0ONCALL01>");
            default -> false;
        };
    }

    /** A real store whose writes stop reaching Kafka right after it recorded {@code crashAt} as being posted. */
    private final class CrashingStore extends ThreadStore {
        private final String crashAt;
        private boolean dead;

        CrashingStore(String crashAt) {
            super(rig.kafka(), Duration.ofSeconds(15));
            this.crashAt = crashAt;
            rig.closeLater(this);
            load();
        }

        @Override
        public synchronized void put(ThreadCoordinates coordinates) {
            if (dead) {
                return;
            }
            super.put(coordinates);
            dead = crashAt.equals(coordinates.replying());
        }
    }
}
