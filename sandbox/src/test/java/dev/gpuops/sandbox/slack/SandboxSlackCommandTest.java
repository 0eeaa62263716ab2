package dev.gpuops.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxSlackCommandTest {

    private static final String SECRET = "command-test-signing-secret";

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

    private void botAnswers(String ack) {
        bot = new TestBot(SECRET, request -> ack);
        slack.botUrl(bot.url());
    }

    @Test
    void sendsTheSignedFormSlackSendsForASlashCommand() {
        botAnswers("");

        CommandResult result = slack.sendCommand(SandboxSlack.GPU_OPS, SandboxSlack.ONCALL_USER_ID,
                "/gpu status box-1");

        assertThat(result.status()).as("the test bot answers 401 unless the signature verifies").isEqualTo(200);
        Map<String, String> form = bot.received().getFirst().form();
        assertThat(form).containsEntry("command", "/gpu")
                .containsEntry("text", "status box-1")
                .containsEntry("team_id", SandboxSlack.TEAM_ID)
                .containsEntry("team_domain", "gpuops-sandbox")
                .containsEntry("channel_id", SandboxSlack.GPU_OPS)
                .containsEntry("channel_name", "gpu-ops")
                .containsEntry("user_id", SandboxSlack.ONCALL_USER_ID)
                .containsEntry("user_name", "alice")
                .containsEntry("is_enterprise_install", "false")
                .containsKeys("token", "api_app_id", "trigger_id");
        assertThat(form.keySet()).startsWith("token", "team_id", "team_domain", "channel_id", "channel_name");
        assertThat(form.get("response_url")).isEqualTo(slack.baseUrl() + "/response/" + result.id());
        assertThat(form.get("trigger_id")).matches("\\d+\\.\\d+\\.[0-9a-f]{32}");
        assertThat(bot.received().getFirst().body()).contains("command=%2Fgpu&text=status+box-1");
    }

    @Test
    void wrongSigningSecretIsRejectedByTheBot() {
        bot = new TestBot("the-bots-other-secret", request -> "");
        slack.botUrl(bot.url());

        CommandResult result = slack.sendCommand(SandboxSlack.GPU_OPS, null, "status box-1");

        assertThat(result.status()).isEqualTo(401);
        assertThat(bot.received()).isEmpty();
    }

    @Test
    void ephemeralAckIsShownOnlyToTheUser() {
        botAnswers("{\"response_type\":\"ephemeral\",\"text\":\"Queued status on box-1 (r-abcd1234)\"}");

        CommandResult result = slack.sendCommand("gpu-ops", SandboxSlack.ONCALL_USER_ID, "/gpu status box-1");

        assertThat(result.body()).contains("Queued status");
        assertThat(slack.commands()).containsExactly(result);
        assertThat(slack.messages(SandboxSlack.GPU_OPS)).isEmpty();
        assertThat(slack.ephemerals(SandboxSlack.GPU_OPS)).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Queued status on box-1 (r-abcd1234)");
            assertThat(m.ephemeralTo()).isEqualTo(SandboxSlack.ONCALL_USER_ID);
        });
    }

    @Test
    void inChannelAckShowsCommandAndReplyToEveryone() {
        botAnswers("{\"response_type\":\"in_channel\",\"text\":\"Restarting worker-gpu on box-1\"}");

        slack.sendCommand(SandboxSlack.GPU_OPS, SandboxSlack.ONCALL_USER_ID, "/gpu restart box-1 worker-gpu");

        assertThat(slack.messages(SandboxSlack.GPU_OPS)).extracting(SlackMessage::text)
                .containsExactly("/gpu restart box-1 worker-gpu", "Restarting worker-gpu on box-1");
    }

    @Test
    void responseUrlRecordsUpToFivePosts() {
        botAnswers("");
        CommandResult command = slack.sendCommand(SandboxSlack.GPU_OPS, SandboxSlack.ONCALL_USER_ID, "/gpu runs");

        WebApiCaller.Reply inChannel = api.post(command.responseUrl(), "application/json",
                "{\"response_type\":\"in_channel\",\"text\":\"2 runs in flight\"}");
        WebApiCaller.Reply ephemeral = api.post(command.responseUrl(), "application/json",
                "{\"text\":\"only for alice\"}");

        assertThat(inChannel.status()).isEqualTo(200);
        assertThat(ephemeral.status()).isEqualTo(200);
        assertThat(slack.responses()).extracting(ResponseUrlPost::responseType, ResponseUrlPost::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("in_channel", "2 runs in flight"),
                        org.assertj.core.groups.Tuple.tuple("ephemeral", "only for alice"));
        assertThat(slack.messages(SandboxSlack.GPU_OPS)).extracting(SlackMessage::text)
                .containsExactly("2 runs in flight");
        assertThat(slack.ephemerals(SandboxSlack.GPU_OPS)).extracting(SlackMessage::text)
                .containsExactly("only for alice");
        for (int i = 0; i < 3; i++) {
            api.post(command.responseUrl(), "application/json", "{\"text\":\"more\"}");
        }
        WebApiCaller.Reply sixth = api.post(command.responseUrl(), "application/json", "{\"text\":\"too many\"}");
        assertThat(sixth.status()).isEqualTo(404);
        assertThat(sixth.error()).isEqualTo("used_url");
        assertThat(slack.responses()).hasSize(5);
    }

    @Test
    void unknownResponseUrlIsExpired() {
        WebApiCaller.Reply reply = api.post(slack.baseUrl() + "/response/cmd-999", "application/json",
                "{\"text\":\"hello\"}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("expired_url");
    }

    @Test
    void commandWithoutBotUrlSaysWhatToConfigure() {
        CommandResult result = slack.sendCommand(SandboxSlack.GPU_OPS, null, "/gpu help");

        assertThat(result.status()).isZero();
        assertThat(result.body()).contains("no bot URL configured");
    }

    @Test
    void unreachableBotIsReportedAsDispatchFailure() {
        bot = new TestBot(SECRET, request -> "");
        URI closed = bot.url();
        bot.close();
        slack.botUrl(closed);

        CommandResult result = slack.sendCommand(SandboxSlack.GPU_OPS, null, "/gpu help");

        assertThat(result.status()).isZero();
        assertThat(result.body()).startsWith("dispatch_failed");
    }

    @Test
    void consoleCommandEndpointSendsAndReturnsTheAck() {
        botAnswers("{\"text\":\"pong\"}");

        WebApiCaller.Reply reply = api.post(slack.baseUrl() + "/console/command", "application/json",
                "{\"channel\":\"C0GPUOPS01\",\"text\":\"/gpu status box-1\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("status").asInt()).isEqualTo(200);
        assertThat(reply.json().path("body").asString()).isEqualTo("{\"text\":\"pong\"}");
        assertThat(bot.received()).hasSize(1);
    }

    @Test
    void consoleCommandToUnknownChannelIsABadRequest() {
        WebApiCaller.Reply reply = api.post(slack.baseUrl() + "/console/command", "application/json",
                "{\"channel\":\"C0NOPE0000\",\"text\":\"/gpu status\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("detail").asString()).contains("C0NOPE0000");
    }
}
