package dev.gpuops.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Socket Mode as Slack speaks it, driven by the JDK's own WebSocket client (not the library the sandbox serves
 * with): single-use URLs from {@code apps.connections.open}, {@code hello}, envelopes acked by id, disconnects.
 */
class SandboxSlackSocketModeTest {

    private static final String BUTTONS = "[{\"type\":\"actions\",\"block_id\":\"approval:r-1:purge\",\"elements\":"
            + "[{\"type\":\"button\",\"action_id\":\"gpuops_approve\",\"value\":\"r-1:purge\","
            + "\"text\":{\"type\":\"plain_text\",\"text\":\"Approve\"}}]}]";

    private final SandboxSlack slack = SandboxSlack.builder().ackTimeout(Duration.ofSeconds(10)).start();
    private final WebApiCaller api = new WebApiCaller(slack);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void switchSocketModeOn() {
        slack.socketMode().enable(true);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void connectionsOpenTakesOnlyTheAppTokenAndHandsOutAWebSocketUrl() {
        WebApiCaller.Reply opened = api.formWithToken(SandboxSlack.DEFAULT_APP_TOKEN, "apps.connections.open");
        WebApiCaller.Reply withBotToken = api.formWithToken(SandboxSlack.DEFAULT_BOT_TOKEN, "apps.connections.open");
        WebApiCaller.Reply postWithAppToken = api.formWithToken(SandboxSlack.DEFAULT_APP_TOKEN, "chat.postMessage",
                "channel", SandboxSlack.GPU_OPS, "text", "hi");

        assertThat(opened.ok()).isTrue();
        assertThat(opened.json().path("url").asString()).matches("ws://127\\.0\\.0\\.1:\\d+/link/\\?ticket=.+");
        assertThat(withBotToken.json().path("error").asString()).isEqualTo("not_allowed_token_type");
        assertThat(postWithAppToken.json().path("error").asString()).isEqualTo("not_allowed_token_type");
        assertThat(slack.socketMode().urlsIssued()).isEqualTo(1);
    }

    @Test
    void aConnectionIsGreetedAndASlashCommandArrivesAsAnEnvelopeWhoseAckPayloadIsTheReply() throws Exception {
        App app = connect();
        JsonNode hello = app.next();
        assertThat(hello.path("type").asString()).isEqualTo("hello");
        assertThat(hello.path("connection_info").path("app_id").asString()).isEqualTo(SlackWorkspace.APP_ID);

        CompletableFuture<CommandResult> sent = CompletableFuture.supplyAsync(() ->
                slack.sendCommand(SandboxSlack.GPU_OPS, SandboxSlack.ONCALL_USER_ID, "/gpu status box-1"));
        JsonNode envelope = app.next();
        assertThat(envelope.path("type").asString()).isEqualTo("slash_commands");
        assertThat(envelope.path("accepts_response_payload").asBoolean()).isTrue();
        JsonNode payload = envelope.path("payload");
        assertThat(payload.path("command").asString()).isEqualTo("/gpu");
        assertThat(payload.path("text").asString()).isEqualTo("status box-1");
        assertThat(payload.path("channel_id").asString()).isEqualTo(SandboxSlack.GPU_OPS);
        assertThat(payload.path("trigger_id").asString()).matches("\\d+\\.\\d+\\.[0-9a-f]{32}");
        app.send("{\"envelope_id\":\"" + envelope.path("envelope_id").asString()
                + "\",\"payload\":{\"response_type\":\"ephemeral\",\"text\":\"Run r-abcd1234 accepted\"}}");

        CommandResult result = sent.get(10, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("Run r-abcd1234 accepted");
        assertThat(slack.ephemerals(SandboxSlack.GPU_OPS)).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("Run r-abcd1234 accepted"));
    }

    @Test
    void aButtonClickArrivesAsAnInteractiveEnvelopeWithTheBlockActionsPayload() throws Exception {
        String ts = api.form("chat.postMessage", "channel", SandboxSlack.GPU_OPS, "text", "approve?", "blocks",
                BUTTONS).json().path("ts").asString();
        App app = connect();
        app.next();

        CompletableFuture<CommandResult> clicked = CompletableFuture.supplyAsync(() ->
                slack.clickButton(SandboxSlack.GPU_OPS, ts, "U0ONCALL02", "gpuops_approve"));
        JsonNode envelope = app.next();
        assertThat(envelope.path("type").asString()).isEqualTo("interactive");
        assertThat(envelope.path("accepts_response_payload").asBoolean()).isFalse();
        assertThat(envelope.path("payload").path("type").asString()).isEqualTo("block_actions");
        assertThat(envelope.path("payload").path("actions").get(0).path("value").asString()).isEqualTo("r-1:purge");
        app.send("{\"envelope_id\":\"" + envelope.path("envelope_id").asString() + "\"}");

        CommandResult result = clicked.get(10, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEmpty();
    }

    @Test
    void aUrlIsSingleUse() throws Exception {
        String url = api.formWithToken(SandboxSlack.DEFAULT_APP_TOKEN, "apps.connections.open").json().path("url")
                .asString();
        App first = App.connect(http, url);
        first.next();
        App second = App.connect(http, url);

        assertThat(second.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(slack.socketMode().connectionsOpened()).isEqualTo(1);
    }

    @Test
    void afterADisconnectWarningTheNextConnectionCarriesTheEnvelopesAndTheOldOneIsClosed() throws Exception {
        App old = connect();
        old.next();

        slack.socketMode().disconnect("warning");
        JsonNode warning = old.next();
        assertThat(warning.path("type").asString()).isEqualTo("disconnect");
        assertThat(warning.path("reason").asString()).isEqualTo("warning");
        App renewed = connect();
        renewed.next();
        assertThat(old.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);

        CompletableFuture<CommandResult> sent = CompletableFuture.supplyAsync(() ->
                slack.sendCommand(SandboxSlack.GPU_OPS, null, "help"));
        JsonNode envelope = renewed.next();
        renewed.send("{\"envelope_id\":\"" + envelope.path("envelope_id").asString() + "\"}");
        assertThat(sent.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(slack.socketMode().connectionsOpened()).isEqualTo(2);
    }

    @Test
    void withoutAConnectionOrAnAckTheCommandFailsAsSlackWouldShowIt() throws Exception {
        CommandResult unconnected = slack.sendCommand(SandboxSlack.GPU_OPS, null, "help");
        assertThat(unconnected.status()).isZero();
        assertThat(unconnected.body()).contains("no Socket Mode connection");

        try (SandboxSlack impatient = SandboxSlack.builder().ackTimeout(Duration.ofMillis(200)).start()) {
            impatient.socketMode().enable(true);
            App app = App.connect(http, new WebApiCaller(impatient)
                    .formWithToken(SandboxSlack.DEFAULT_APP_TOKEN, "apps.connections.open").json().path("url")
                    .asString());
            app.next();
            CommandResult unanswered = impatient.sendCommand(SandboxSlack.GPU_OPS, null, "help");
            assertThat(unanswered.status()).isZero();
            assertThat(unanswered.body()).startsWith("operation_timeout: no ack for envelope");
        }
    }

    private App connect() throws Exception {
        String url = api.formWithToken(SandboxSlack.DEFAULT_APP_TOKEN, "apps.connections.open").json().path("url")
                .asString();
        return App.connect(http, url);
    }

    /** The app's end of the link: collects frames, sends acks. */
    private static final class App implements WebSocket.Listener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static App connect(HttpClient http, String url) throws Exception {
            App app = new App();
            app.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), app).get(10, TimeUnit.SECONDS);
            return app;
        }

        JsonNode next() throws InterruptedException {
            String frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a frame from the sandbox").isNotNull();
            return WebApiCaller.JSON.readTree(frame);
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
