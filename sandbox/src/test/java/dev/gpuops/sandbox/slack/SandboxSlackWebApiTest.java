package dev.gpuops.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxSlackWebApiTest {

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
    void rejectsMissingTokenAsNotAuthed() {
        WebApiCaller.Reply reply = api.formWithToken(null, "auth.test");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.ok()).isFalse();
        assertThat(reply.error()).isEqualTo("not_authed");
    }

    @Test
    void rejectsWrongTokenAsInvalidAuth() {
        WebApiCaller.Reply reply = api.formWithToken("xoxb-wrong-token-123456", "chat.postMessage",
                "channel", SandboxSlack.GPU_OPS, "text", "hi");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.error()).isEqualTo("invalid_auth");
        assertThat(slack.messages(SandboxSlack.GPU_OPS)).isEmpty();
    }

    @Test
    void acceptsLegacyTokenInFormBody() {
        WebApiCaller.Reply reply = api.formWithToken(null, "auth.test", "token", slack.botToken());

        assertThat(reply.ok()).isTrue();
    }

    @Test
    void authTestDescribesTheBot() {
        WebApiCaller.Reply reply = api.form("auth.test");

        assertThat(reply.ok()).isTrue();
        assertThat(reply.json().path("user_id").asString()).isEqualTo(SandboxSlack.BOT_USER_ID);
        assertThat(reply.json().path("team_id").asString()).isEqualTo(SandboxSlack.TEAM_ID);
        assertThat(reply.json().path("bot_id").asString()).startsWith("B");
        assertThat(reply.json().path("url").asString()).startsWith("https://");
    }

    @Test
    void postMessageReturnsChannelTsAndMessage() {
        WebApiCaller.Reply reply = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS,
                "text", "▶ restart box-1", "blocks", "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*hi*\"}}]");

        assertThat(reply.ok()).isTrue();
        assertThat(reply.json().path("channel").asString()).isEqualTo(SandboxSlack.GPU_OPS);
        String ts = reply.json().path("ts").asString();
        assertThat(ts).matches("\\d{10}\\.\\d{6}");
        assertThat(reply.json().path("message").path("text").asString()).isEqualTo("▶ restart box-1");
        assertThat(reply.json().path("message").path("ts").asString()).isEqualTo(ts);
        assertThat(reply.json().path("message").path("blocks").get(0).path("type").asString()).isEqualTo("section");
        assertThat(slack.latestText(SandboxSlack.GPU_OPS, ts)).isEqualTo("▶ restart box-1");
    }

    @Test
    void postMessageAcceptsChannelNamesAndAnswersWithTheId() {
        WebApiCaller.Reply reply = api.form("chat.postMessage", "channel", "#gpu-alerts", "text", "alert");

        assertThat(reply.json().path("channel").asString()).isEqualTo(SandboxSlack.GPU_ALERTS);
        assertThat(slack.messages("gpu-alerts")).extracting(SlackMessage::text).containsExactly("alert");
    }

    @Test
    void tsStrictlyIncreases() {
        BigDecimal first = new BigDecimal(api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS,
                "text", "one").json().path("ts").asString());
        BigDecimal second = new BigDecimal(api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS,
                "text", "two").json().path("ts").asString());

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void postMessageIntoThreadRecordsReplyAndParentSummary() {
        String root = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "root")
                .json().path("ts").asString();

        WebApiCaller.Reply reply = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS,
                "text", "in thread", "thread_ts", root);
        api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "broadcast", "thread_ts", root,
                "reply_broadcast", "true");

        assertThat(reply.json().path("message").path("thread_ts").asString()).isEqualTo(root);
        assertThat(reply.json().path("message").path("parent_user_id").asString()).isEqualTo(SandboxSlack.BOT_USER_ID);
        assertThat(slack.replies(SandboxSlack.GPU_OPS, root)).extracting(SlackMessage::text)
                .containsExactly("in thread", "broadcast");
        assertThat(slack.messages(SandboxSlack.GPU_OPS)).extracting(SlackMessage::text)
                .containsExactly("root", "broadcast");
        WebApiCaller.Reply update = api.form("chat.update", "channel", SandboxSlack.GPU_OPS, "ts", root,
                "text", "root v2");
        assertThat(update.json().path("message").path("reply_count").asInt()).isEqualTo(2);
    }

    @Test
    void postMessageAcceptsJsonBodiesWithBlockArrays() {
        WebApiCaller.Reply reply = api.json("chat.postMessage", """
                {"channel":"C0GPUOPS01","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"from json"}}]}""");

        assertThat(reply.ok()).isTrue();
        SlackMessage stored = slack.message(SandboxSlack.GPU_OPS, reply.json().path("ts").asString()).orElseThrow();
        assertThat(stored.blocksJson()).contains("from json");
    }

    @ParameterizedTest
    @CsvSource({
            "C0NOSUCH99, hello, , channel_not_found",
            "C0GPUOPS01, '', , no_text",
            "C0GPUOPS01, hi, not-json, invalid_blocks_format",
            "C0GPUOPS01, hi, '{\"type\":\"section\"}', invalid_blocks",
    })
    void postMessageRejectsBadInputWithSlackErrors(String channel, String text, String blocks, String error) {
        WebApiCaller.Reply reply = blocks == null
                ? api.form("chat.postMessage", "channel", channel, "text", text)
                : api.form("chat.postMessage", "channel", channel, "text", text, "blocks", blocks);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("ok").asBoolean(true)).isFalse();
        assertThat(reply.error()).isEqualTo(error);
    }

    @Test
    void postMessageRefusesChannelsTheBotIsNotIn() {
        SlackChannel humansOnly = slack.createChannel("humans-only", SandboxSlack.ONCALL_USER_ID);

        assertThat(api.form("chat.postMessage", "channel", humansOnly.id(), "text", "hi").error())
                .isEqualTo("not_in_channel");
        assertThat(api.form("conversations.invite", "channel", humansOnly.id(), "users", "U0ONCALL02").ok())
                .isTrue();
    }

    @Test
    void postMessageIntoAnUnknownThreadIsRefused() {
        WebApiCaller.Reply reply = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "hi",
                "thread_ts", "1700000000.000001");

        assertThat(reply.error()).isEqualTo("thread_not_found");
    }

    @Test
    void createsChannelsAndRejectsTakenNames() {
        WebApiCaller.Reply created = api.form("conversations.create", "name", "incident-box-1");

        assertThat(created.ok()).isTrue();
        assertThat(created.json().path("channel").path("id").asString()).startsWith("C");
        assertThat(created.json().path("channel").path("name").asString()).isEqualTo("incident-box-1");
        assertThat(created.json().path("channel").path("is_channel").asBoolean()).isTrue();
        assertThat(created.json().path("channel").path("is_member").asBoolean()).isTrue();
        assertThat(api.form("conversations.create", "name", "incident-box-1").error()).isEqualTo("name_taken");
        assertThat(api.form("conversations.create", "name", "gpu-ops").error()).isEqualTo("name_taken");
    }

    @ParameterizedTest
    @CsvSource({
            "Has Caps, invalid_name_specials",
            "has space, invalid_name_specials",
            "has.period, invalid_name_specials",
            "'', invalid_name_required",
            "---, invalid_name_punctuation",
    })
    void enforcesChannelNameRules(String name, String error) {
        assertThat(api.form("conversations.create", "name", name).error()).isEqualTo(error);
    }

    @Test
    void rejectsChannelNamesLongerThan80() {
        assertThat(api.form("conversations.create", "name", "a".repeat(81)).error())
                .isEqualTo("invalid_name_maxlength");
        assertThat(api.form("conversations.create", "name", "a".repeat(80)).ok()).isTrue();
    }

    @Test
    void invitesUsersOnce() {
        String channel = api.form("conversations.create", "name", "war-room").json().path("channel")
                .path("id").asString();

        WebApiCaller.Reply invited = api.form("conversations.invite", "channel", channel,
                "users", SandboxSlack.ONCALL_USER_ID + ",U0ONCALL02");

        assertThat(invited.ok()).isTrue();
        assertThat(invited.json().path("channel").path("id").asString()).isEqualTo(channel);
        assertThat(slack.channel(channel).orElseThrow().members()).contains(SandboxSlack.ONCALL_USER_ID, "U0ONCALL02");
        assertThat(api.form("conversations.invite", "channel", channel, "users", SandboxSlack.ONCALL_USER_ID)
                .error()).isEqualTo("already_in_channel");
        assertThat(api.form("conversations.invite", "channel", channel, "users", "U0NOBODY00").error())
                .isEqualTo("user_not_found");
        assertThat(api.form("conversations.invite", "channel", "C0NOPE0000", "users", "U0ONCALL02").error())
                .isEqualTo("channel_not_found");
    }

    @Test
    void usersInfoDescribesMembers() {
        WebApiCaller.Reply reply = api.form("users.info", "user", SandboxSlack.ONCALL_USER_ID);

        assertThat(reply.ok()).isTrue();
        assertThat(reply.json().path("user").path("id").asString()).isEqualTo(SandboxSlack.ONCALL_USER_ID);
        assertThat(reply.json().path("user").path("name").asString()).isEqualTo("alice");
        assertThat(reply.json().path("user").path("profile").path("display_name").asString()).isEqualTo("alice");
        assertThat(reply.json().path("user").path("is_bot").asBoolean()).isFalse();
        assertThat(api.form("users.info", "user", "U0NOBODY00").error()).isEqualTo("user_not_found");
    }

    @Test
    void unknownMethodsSayUnknownMethod() {
        WebApiCaller.Reply reply = api.form("chat.scheduleTeleport", "channel", SandboxSlack.GPU_OPS);

        assertThat(reply.error()).isEqualTo("unknown_method");
    }

    @Test
    void recordsEveryCallWithItsOutcome() {
        api.form("chat.postMessage", "channel", "gpu-ops", "text", "a");
        api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "");

        assertThat(slack.calls("chat.postMessage")).extracting(ApiCall::channel, ApiCall::ok, ApiCall::error)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SandboxSlack.GPU_OPS, true, null),
                        org.assertj.core.groups.Tuple.tuple(SandboxSlack.GPU_OPS, false, "no_text"));
        assertThat(slack.callCount("auth.test")).isZero();
    }
}
