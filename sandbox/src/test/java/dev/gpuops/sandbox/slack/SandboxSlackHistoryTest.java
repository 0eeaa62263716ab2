package dev.gpuops.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Message metadata on chat.postMessage and conversations.history with Slack's shapes. */
class SandboxSlackHistoryTest {

    private static final String META = "{\"event_type\":\"gpuops_run\",\"event_payload\":{\"run_id\":\"r-1\"}}";

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
    void historyListsTopLevelMessagesNewestFirstWithMetadataOnlyWhenAsked() {
        String first = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "one",
                "metadata", META).json().path("ts").asString();
        api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "reply", "thread_ts", first);
        api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "two");

        WebApiCaller.Reply plain = api.form("conversations.history", "channel", SandboxSlack.GPU_OPS);
        WebApiCaller.Reply rich = api.form("conversations.history", "channel", SandboxSlack.GPU_OPS,
                "include_all_metadata", "true");

        assertThat(plain.ok()).isTrue();
        assertThat(plain.json().path("messages")).hasSize(2);
        assertThat(plain.json().path("messages").get(0).path("text").asString()).isEqualTo("two");
        assertThat(plain.json().path("messages").get(1).has("metadata")).isFalse();
        assertThat(plain.json().path("has_more").asBoolean()).isFalse();
        assertThat(plain.json().path("response_metadata").path("next_cursor").asString()).isEmpty();
        assertThat(rich.json().path("messages").get(1).path("metadata").path("event_type").asString())
                .isEqualTo("gpuops_run");
        assertThat(rich.json().path("messages").get(1).path("metadata").path("event_payload").path("run_id")
                .asString()).isEqualTo("r-1");
    }

    @Test
    void historyPagesWithACursor() {
        for (int i = 0; i < 3; i++) {
            api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "m" + i);
        }

        WebApiCaller.Reply page = api.form("conversations.history", "channel", SandboxSlack.GPU_OPS, "limit", "2");
        String cursor = page.json().path("response_metadata").path("next_cursor").asString();
        WebApiCaller.Reply next = api.form("conversations.history", "channel", SandboxSlack.GPU_OPS, "limit", "2",
                "cursor", cursor);

        assertThat(page.json().path("has_more").asBoolean()).isTrue();
        assertThat(page.json().path("messages")).hasSize(2);
        assertThat(next.json().path("messages")).hasSize(1);
        assertThat(next.json().path("messages").get(0).path("text").asString()).isEqualTo("m0");
    }

    @Test
    void refusesMetadataWithoutAnEventTypeOrNotJson() {
        assertThat(api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "x", "metadata",
                "{\"event_payload\":{}}").error()).isEqualTo("invalid_metadata_schema");
        assertThat(api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "x", "metadata",
                "{not json").error()).isEqualTo("invalid_metadata_format");
        assertThat(slack.messages(SandboxSlack.GPU_OPS)).isEmpty();
    }
}
