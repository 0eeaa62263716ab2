package dev.gpuops.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** setTopic, archive, pins.add and usergroups.users.list, as incident channels use them. */
class SandboxSlackChannelMethodsTest {

    private SandboxSlack slack;
    private WebApiCaller api;
    private String channel;

    @BeforeEach
    void start() {
        slack = SandboxSlack.start();
        api = new WebApiCaller(slack);
        channel = api.form("conversations.create", "name", "inc-20261206-box-1").json().path("channel").path("id")
                .asString();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void setTopicAnswersTheChannelWithItsTopic() {
        WebApiCaller.Reply reply = api.form("conversations.setTopic", "channel", channel, "topic", "box-1 · failing");
        assertThat(reply.ok()).isTrue();
        assertThat(reply.json().path("channel").path("id").asString()).isEqualTo(channel);
        assertThat(reply.json().path("channel").path("topic").path("value").asString()).isEqualTo("box-1 · failing");
        assertThat(slack.topic(channel)).contains("box-1 · failing");
        assertThat(api.form("conversations.setTopic", "channel", channel, "topic", "x".repeat(251)).error())
                .isEqualTo("too_long");
        assertThat(api.form("conversations.setTopic", "channel", "C0NOPE", "topic", "x").error())
                .isEqualTo("channel_not_found");
    }

    @Test
    void pinsAddPinsOnceAndKnowsItsMessages() {
        String ts = api.form("chat.postMessage", "channel", channel, "text", "summary").json().path("ts").asString();
        WebApiCaller.Reply pinned = api.form("pins.add", "channel", channel, "timestamp", ts);
        assertThat(pinned.ok()).isTrue();
        assertThat(pinned.json().size()).isEqualTo(1);
        assertThat(slack.pins(channel)).containsExactly(ts);
        assertThat(api.form("pins.add", "channel", channel, "timestamp", ts).error()).isEqualTo("already_pinned");
        assertThat(api.form("pins.add", "channel", channel, "timestamp", "1.000").error())
                .isEqualTo("message_not_found");
    }

    @Test
    void archiveOnceThenTheChannelIsClosed() {
        assertThat(api.form("conversations.archive", "channel", channel).ok()).isTrue();
        assertThat(slack.archived(channel)).isTrue();
        assertThat(api.form("conversations.archive", "channel", channel).error()).isEqualTo("already_archived");
        assertThat(api.form("conversations.setTopic", "channel", channel, "topic", "x").error())
                .isEqualTo("is_archived");
    }

    @Test
    void userGroupsListTheirUsers() {
        slack.userGroup("S0GPUTEAM", List.of("U0ONCALL02"));
        WebApiCaller.Reply reply = api.form("usergroups.users.list", "usergroup", "S0GPUTEAM");
        assertThat(reply.ok()).isTrue();
        assertThat(reply.json().path("users").get(0).asString()).isEqualTo("U0ONCALL02");
        assertThat(api.form("usergroups.users.list", "usergroup", "S0NOPE").error()).isEqualTo("no_such_subteam");
    }
}
