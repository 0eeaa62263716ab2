package dev.gpuops.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Buttons and user groups: what the approval flow needs from Slack, as Slack does it. */
class SandboxSlackInteractivityTest {

    private static final String SECRET = "interactivity-test-signing-secret";
    private static final String BUTTONS = "[{\"type\":\"actions\",\"block_id\":\"approval:r-1:purge\",\"elements\":"
            + "[{\"type\":\"button\",\"action_id\":\"gpuops_approve\",\"value\":\"r-1:purge\",\"style\":\"primary\","
            + "\"text\":{\"type\":\"plain_text\",\"text\":\"Approve\"}}]}]";

    private final SandboxSlack slack = SandboxSlack.builder().signingSecret(SECRET).start();
    private final WebApiCaller api = new WebApiCaller(slack);
    private TestBot bot;

    @AfterEach
    void stop() {
        slack.close();
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void clickingAButtonSendsASignedBlockActionsPayloadAsThePickedUser() {
        bot = new TestBot(SECRET, request -> "");
        slack.botUrl(bot.url());
        String ts = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "approve?", "blocks",
                BUTTONS).json().path("ts").asString();

        CommandResult result = slack.clickButton(SandboxSlack.GPU_OPS, ts, "U0ONCALL02", "gpuops_approve");

        assertThat(result.status()).as("the test bot answers 401 unless the signature verifies").isEqualTo(200);
        TestBot.Received received = bot.received().getFirst();
        assertThat(received.form()).containsOnlyKeys("payload");
        JsonNode payload = WebApiCaller.JSON.readTree(received.form().get("payload"));
        assertThat(payload.path("type").asString()).isEqualTo("block_actions");
        assertThat(payload.path("user").path("id").asString()).isEqualTo("U0ONCALL02");
        assertThat(payload.path("channel").path("id").asString()).isEqualTo(SandboxSlack.GPU_OPS);
        assertThat(payload.path("container").path("message_ts").asString()).isEqualTo(ts);
        assertThat(payload.path("response_url").asString()).startsWith(slack.baseUrl() + "/response/act-");
        assertThat(payload.path("trigger_id").asString()).isNotBlank();
        JsonNode action = payload.path("actions").get(0);
        assertThat(action.path("action_id").asString()).isEqualTo("gpuops_approve");
        assertThat(action.path("value").asString()).isEqualTo("r-1:purge");
        assertThat(action.path("block_id").asString()).isEqualTo("approval:r-1:purge");
        assertThat(slack.clickButton(SandboxSlack.GPU_OPS, ts, "U0ONCALL02", "gpuops_approve").status())
                .isEqualTo(200);
        assertThat(bot.received()).extracting(r -> WebApiCaller.JSON.readTree(r.form().get("payload"))
                .path("trigger_id").asString()).doesNotHaveDuplicates();
    }

    @Test
    void aButtonThatIsNotInTheMessageCannotBeClicked() {
        String ts = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "no buttons").json()
                .path("ts").asString();

        assertThatThrownBy(() -> slack.clickButton(SandboxSlack.GPU_OPS, ts, "U0ONCALL02", "gpuops_approve"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no button gpuops_approve");
    }

    @Test
    void userGroupsListTheirMembersAndAnUnknownGroupIsAnError() {
        slack.userGroup("S0SRE", List.of("U0ONCALL01", "U0ONCALL02"));

        WebApiCaller.Reply members = api.form("usergroups.users.list", "usergroup", "S0SRE");
        assertThat(members.ok()).isTrue();
        assertThat(members.json().path("users").values().stream().map(JsonNode::asString).toList())
                .containsExactly("U0ONCALL01", "U0ONCALL02");
        assertThat(api.form("usergroups.users.list", "usergroup", "S0NOPE").error()).isEqualTo("no_such_subteam");
        assertThat(api.form("usergroups.users.list").error()).isEqualTo("invalid_arguments");
    }
}
