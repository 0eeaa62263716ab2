package dev.gpuops.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConsoleRoutesTest {

    private final SandboxSlack slack = SandboxSlack.start();
    private final WebApiCaller api = new WebApiCaller(slack);

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void pageLoadsNothingFromOutside() {
        String html = api.getText(slack.consoleUrl());
        String js = api.getText(slack.baseUrl() + "/console/console.js");
        String css = api.getText(slack.baseUrl() + "/console/console.css");

        assertThat(html).contains("id=\"command-input\"", "id=\"command-send\"", "/console/console.js");
        assertThat(html + css).doesNotContainPattern("(src|href)=\"https?:").doesNotContain("@import", "url(");
        assertThat(js).contains("/console/state").doesNotContainPattern("fetch\\(['\"]https?:");
    }

    @Test
    void stateNestsThreadRepliesUnderTheirParent() {
        String root = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "root").json()
                .path("ts").asString();
        api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "reply", "thread_ts", root);
        api.form("chat.update", "channel", SandboxSlack.GPU_OPS, "ts", root, "text", "root v2");

        JsonNode state = api.get(slack.baseUrl() + "/console/state").json();

        JsonNode gpuOps = state.path("channels").get(0);
        assertThat(gpuOps.path("name").asString()).isEqualTo("gpu-ops");
        assertThat(gpuOps.path("messages")).hasSize(1);
        assertThat(gpuOps.path("messages").get(0).path("text").asString()).isEqualTo("root v2");
        assertThat(gpuOps.path("messages").get(0).path("edits").asInt()).isEqualTo(1);
        assertThat(gpuOps.path("messages").get(0).path("replies").get(0).path("text").asString()).isEqualTo("reply");
        assertThat(state.path("users").path(SandboxSlack.ONCALL_USER_ID).asString()).isEqualTo("alice");
        assertThat(state.path("version").asLong()).isPositive();
    }
}
