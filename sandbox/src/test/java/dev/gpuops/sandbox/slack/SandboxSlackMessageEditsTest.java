package dev.gpuops.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** chat.update, chat.getPermalink and chat.postEphemeral: editing, linking and private answers, as Slack words them. */
class SandboxSlackMessageEditsTest {

    private SandboxSlack slack;
    private WebApiCaller api;

    @BeforeEach
    void start() {
        slack = SandboxSlack.start();
        api = new WebApiCaller(slack);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void updateEditsTextAndKeepsHistory() {
        String ts = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "⏳ running")
                .json().path("ts").asString();

        WebApiCaller.Reply reply = api.form("chat.update", "channel", SandboxSlack.GPU_OPS, "ts", ts,
                "text", "✅ done");

        assertThat(reply.ok()).isTrue();
        assertThat(reply.json().path("ts").asString()).isEqualTo(ts);
        assertThat(reply.json().path("text").asString()).isEqualTo("✅ done");
        assertThat(reply.json().path("message").path("edited").path("ts").asString()).isEqualTo(ts);
        SlackMessage stored = slack.message(SandboxSlack.GPU_OPS, ts).orElseThrow();
        assertThat(stored.text()).isEqualTo("✅ done");
        assertThat(stored.edits()).containsExactly("⏳ running");
    }

    @Test
    void updateKeepsWhatItLeavesOut() {
        String ts = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "fallback",
                "blocks", "[{\"type\":\"divider\"}]").json().path("ts").asString();

        api.form("chat.update", "channel", SandboxSlack.GPU_OPS, "ts", ts,
                "blocks", "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"new\"}}]");
        api.form("chat.update", "channel", SandboxSlack.GPU_OPS, "ts", ts, "text", "new fallback");

        SlackMessage stored = slack.message(SandboxSlack.GPU_OPS, ts).orElseThrow();
        assertThat(stored.text()).isEqualTo("new fallback");
        assertThat(stored.blocksJson()).contains("\"new\"");
        assertThat(stored.edits()).containsExactly("fallback", "fallback");
    }

    @Test
    void getPermalinkAnswersInSlacksShapeForRootsAndThreadReplies() {
        String root = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "root")
                .json().path("ts").asString();
        String reply = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "reply",
                "thread_ts", root).json().path("ts").asString();
        String channelId = slack.messages(SandboxSlack.GPU_OPS).getFirst().channel();

        WebApiCaller.Reply rootLink = api.form("chat.getPermalink", "channel", channelId, "message_ts", root);
        WebApiCaller.Reply replyLink = api.form("chat.getPermalink", "channel", channelId, "message_ts", reply);

        assertThat(rootLink.json().path("ok").asBoolean()).isTrue();
        assertThat(rootLink.json().path("channel").asString()).isEqualTo(channelId);
        assertThat(rootLink.json().path("permalink").asString())
                .matches("https://[a-z0-9-]+\\.slack\\.com/archives/" + channelId + "/p" + root.replace(".", ""));
        assertThat(replyLink.json().path("permalink").asString())
                .endsWith("/p" + reply.replace(".", "") + "?thread_ts=" + root + "&cid=" + channelId);
        assertThat(api.form("chat.getPermalink", "channel", channelId, "message_ts", "1700000000.000001").error())
                .isEqualTo("message_not_found");
        assertThat(api.form("chat.getPermalink", "channel", "C0NOPE0000", "message_ts", root).error())
                .isEqualTo("channel_not_found");
    }

    @Test
    void updateOfUnknownTsIsMessageNotFound() {
        WebApiCaller.Reply reply = api.form("chat.update", "channel", SandboxSlack.GPU_OPS,
                "ts", "1700000000.000001", "text", "x");

        assertThat(reply.error()).isEqualTo("message_not_found");
    }

    @Test
    void updateOfAHumansMessageIsRefused() {
        SlackMessage human = slack.postAsUser(SandboxSlack.GPU_OPS, SandboxSlack.ONCALL_USER_ID, "hello");

        WebApiCaller.Reply reply = api.form("chat.update", "channel", SandboxSlack.GPU_OPS, "ts", human.ts(),
                "text", "hijacked");

        assertThat(reply.error()).isEqualTo("cant_update_message");
        assertThat(slack.latestText(SandboxSlack.GPU_OPS, human.ts())).isEqualTo("hello");
    }

    @Test
    void updateInUnknownChannelIsChannelNotFound() {
        assertThat(api.form("chat.update", "channel", "C0NOPE0000", "ts", "1.1", "text", "x").error())
                .isEqualTo("channel_not_found");
    }

    @Test
    void updateNeedsTheChannelIdNotItsName() {
        String ts = api.form("chat.postMessage", "channel", "#gpu-ops", "text", "v1").json().path("ts").asString();

        assertThat(api.form("chat.update", "channel", "gpu-ops", "ts", ts, "text", "v2").error())
                .isEqualTo("channel_not_found");
        assertThat(api.form("chat.update", "channel", SandboxSlack.GPU_OPS, "ts", ts, "text", "v2").ok()).isTrue();
    }

    @Test
    void postEphemeralIsVisibleOnlyToItsUser() {
        WebApiCaller.Reply reply = api.form("chat.postEphemeral", "channel", SandboxSlack.GPU_OPS,
                "user", SandboxSlack.ONCALL_USER_ID, "text", "only you");

        assertThat(reply.ok()).isTrue();
        assertThat(reply.json().path("message_ts").asString()).matches("\\d{10}\\.\\d{6}");
        assertThat(slack.messages(SandboxSlack.GPU_OPS)).isEmpty();
        assertThat(slack.ephemerals(SandboxSlack.GPU_OPS)).singleElement()
                .satisfies(m -> assertThat(m.ephemeralTo()).isEqualTo(SandboxSlack.ONCALL_USER_ID));
    }

    @Test
    void postEphemeralToAStrangerFails() {
        slack.addUser(new SlackUser("U0OTHER001", "carol", "Carol", false));

        assertThat(api.form("chat.postEphemeral", "channel", SandboxSlack.GPU_OPS, "user", "U0OTHER001",
                "text", "x").error()).isEqualTo("user_not_in_channel");
        assertThat(api.form("chat.postEphemeral", "channel", SandboxSlack.GPU_OPS, "user", "U0NOBODY00",
                "text", "x").error()).isEqualTo("user_not_found");
    }
}
