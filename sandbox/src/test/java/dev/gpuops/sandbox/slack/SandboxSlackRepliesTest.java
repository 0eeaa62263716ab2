package dev.gpuops.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** conversations.replies with Slack's shapes: parent first, replies oldest first, metadata only when asked for. */
class SandboxSlackRepliesTest {

    private static final String META = "{\"event_type\":\"gpuops_run_status\",\"event_payload\":{\"run_id\":\"r-1\"}}";

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
    void repliesListTheParentThenTheThreadOldestFirstWithMetadataOnlyWhenAsked() {
        String root = post("root", null, null);
        post("elsewhere", null, null);
        post("checklist", root, META);
        post("later", root, null);

        WebApiCaller.Reply plain = api.form("conversations.replies", "channel", SandboxSlack.GPU_OPS, "ts", root);
        WebApiCaller.Reply rich = api.form("conversations.replies", "channel", SandboxSlack.GPU_OPS, "ts", root,
                "include_all_metadata", "true");

        assertThat(plain.ok()).isTrue();
        assertThat(plain.json().path("messages")).hasSize(3);
        assertThat(plain.json().path("messages").get(0).path("text").asString()).isEqualTo("root");
        assertThat(plain.json().path("messages").get(1).path("text").asString()).isEqualTo("checklist");
        assertThat(plain.json().path("messages").get(2).path("text").asString()).isEqualTo("later");
        assertThat(plain.json().path("messages").get(1).has("metadata")).isFalse();
        assertThat(plain.json().path("has_more").asBoolean()).isFalse();
        assertThat(rich.json().path("messages").get(1).path("metadata").path("event_type").asString())
                .isEqualTo("gpuops_run_status");
        assertThat(rich.json().path("messages").get(1).path("metadata").path("event_payload").path("run_id")
                .asString()).isEqualTo("r-1");
        assertThat(rich.json().path("messages").get(2).has("metadata")).isFalse();
    }

    @Test
    void repliesPageWithACursor() {
        String root = post("root", null, null);
        post("a", root, null);
        post("b", root, null);

        WebApiCaller.Reply page = api.form("conversations.replies", "channel", SandboxSlack.GPU_OPS, "ts", root,
                "limit", "2");
        WebApiCaller.Reply next = api.form("conversations.replies", "channel", SandboxSlack.GPU_OPS, "ts", root,
                "limit", "2", "cursor", page.json().path("response_metadata").path("next_cursor").asString());

        assertThat(page.json().path("has_more").asBoolean()).isTrue();
        assertThat(page.json().path("messages")).hasSize(2);
        assertThat(next.json().path("messages")).hasSize(1);
        assertThat(next.json().path("messages").get(0).path("text").asString()).isEqualTo("b");
        assertThat(next.json().path("has_more").asBoolean()).isFalse();
    }

    @Test
    void anUnknownThreadOrAMissingTsIsRefusedAsSlackDoes() {
        String root = post("root", null, null);
        String reply = post("reply", root, null);

        assertThat(api.form("conversations.replies", "channel", SandboxSlack.GPU_OPS, "ts", "1.000001").error())
                .isEqualTo("thread_not_found");
        assertThat(api.form("conversations.replies", "channel", SandboxSlack.GPU_OPS, "ts", reply).error())
                .as("a reply is not a thread's parent").isEqualTo("thread_not_found");
        assertThat(api.form("conversations.replies", "channel", SandboxSlack.GPU_OPS).error())
                .isEqualTo("invalid_arguments");
        assertThat(api.form("conversations.replies", "channel", "C0NOSUCH01", "ts", root).error())
                .isEqualTo("channel_not_found");
    }

    private String post(String text, String threadTs, String metadata) {
        WebApiCaller.Reply reply = threadTs == null && metadata == null
                ? api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", text)
                : metadata == null
                ? api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", text, "thread_ts", threadTs)
                : api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", text, "thread_ts", threadTs,
                        "metadata", metadata);
        assertThat(reply.ok()).isTrue();
        return reply.json().path("ts").asString();
    }
}
