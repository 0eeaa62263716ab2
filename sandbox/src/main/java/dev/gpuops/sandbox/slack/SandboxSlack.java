package dev.gpuops.sandbox.slack;

import com.sun.net.httpserver.HttpHandler;
import dev.gpuops.sandbox.support.LoopbackHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A local Slack: the Web API under {@code /api/<method>} (point {@code SlackConfig.setMethodsEndpointUrlPrefix} at
 * {@link #apiUrl()}), a response_url receiver, an admin endpoint for 429s and a live console at {@code /console}
 * whose command box sends signed slash commands to the bot. State lives in memory; read it with the methods below.
 */
public final class SandboxSlack implements AutoCloseable {

    public static final String DEFAULT_BOT_TOKEN = "xoxb-000000000001-000000000002-sandboxBotToken00";
    public static final String DEFAULT_SIGNING_SECRET = "sandbox0signing0secret0000000000";
    /** The app-level token for {@code apps.connections.open} (Socket Mode). */
    public static final String DEFAULT_APP_TOKEN = "xapp-1-A0GPUOPS01-000000000003-sandboxAppToken0000";
    /** The seeded {@code #gpu-ops} channel. */
    public static final String GPU_OPS = "C0GPUOPS01";
    /** The seeded {@code #gpu-alerts} channel. */
    public static final String GPU_ALERTS = "C0GPUOPS02";
    /** The bot's own user id, as {@code auth.test} reports it. */
    public static final String BOT_USER_ID = SlackWorkspace.BOT_USER_ID;
    /** A seeded human ("alice") who is a member of every seeded channel. */
    public static final String ONCALL_USER_ID = SlackWorkspace.DEFAULT_HUMAN;
    public static final String TEAM_ID = SlackWorkspace.TEAM_ID;

    private final LoopbackHttpServer server;
    private final SlackWorkspace workspace;
    private final RateLimits rateLimits = new RateLimits();
    private final WebApi webApi;
    private final SlashCommands commands;
    private final SocketModeLink socketMode;
    private final String botToken;
    private final String signingSecret;
    private volatile URI botUrl;

    private SandboxSlack(Builder builder) throws IOException {
        this.botToken = builder.botToken;
        this.signingSecret = builder.signingSecret;
        this.botUrl = builder.botUrl;
        this.workspace = new SlackWorkspace(builder.clock);
        this.socketMode = new SocketModeLink();
        this.webApi = new WebApi(workspace, new WebApiMethods(workspace, new SlackJson(workspace)), rateLimits,
                () -> this.botToken, () -> DEFAULT_APP_TOKEN, socketMode);
        this.commands = new SlashCommands(workspace, () -> this.signingSecret, () -> this.botUrl, this::baseUrl,
                builder.ackTimeout, socketMode);
        Map<String, HttpHandler> contexts = new LinkedHashMap<>();
        contexts.put("/api/", webApi);
        contexts.put("/response/", new ResponseUrlReceiver(workspace, commands));
        contexts.put("/console", new ConsoleRoutes(workspace, commands, rateLimits, () -> this.botUrl));
        contexts.put("/admin/", new AdminRoutes(workspace, rateLimits));
        this.server = LoopbackHttpServer.start(builder.port, 64, contexts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts with the default token and secret on a free port. */
    public static SandboxSlack start() {
        return builder().start();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The Web API prefix, with the trailing slash the Slack SDK expects. */
    public String apiUrl() {
        return baseUrl() + "/api/";
    }

    public String consoleUrl() {
        return baseUrl() + "/console";
    }

    public String botToken() {
        return botToken;
    }

    public String signingSecret() {
        return signingSecret;
    }

    /** Socket Mode's link ({@code apps.connections.open}); {@code enable(true)} sends commands and clicks over it. */
    public SocketModeLink socketMode() {
        return socketMode;
    }

    /** Where console commands go, e.g. {@code http://127.0.0.1:8080/slack/events}; settable once the bot is up. */
    public void botUrl(URI url) {
        this.botUrl = url;
    }

    public Optional<URI> botUrl() {
        return Optional.ofNullable(botUrl);
    }

    // --- state, for tests and the demo ---

    public List<SlackChannel> channels() {
        return workspace.channels();
    }

    public Optional<SlackChannel> channel(String idOrName) {
        return workspace.channel(idOrName);
    }

    /** Top-level messages of a channel (id or name) in posting order, with their current text. */
    public List<SlackMessage> messages(String channel) {
        return workspace.channel(channel).map(c -> workspace.channelMessages(c.id())).orElse(List.of());
    }

    public List<SlackMessage> replies(String channel, String threadTs) {
        return workspace.channel(channel).map(c -> workspace.replies(c.id(), threadTs)).orElse(List.of());
    }

    public Optional<SlackMessage> message(String channel, String ts) {
        return workspace.channel(channel).flatMap(c -> workspace.message(c.id(), ts));
    }

    /** The text of a message after all its edits. */
    public String latestText(String channel, String ts) {
        return message(channel, ts).map(SlackMessage::text)
                .orElseThrow(() -> new IllegalArgumentException("no message " + ts + " in " + channel));
    }

    public List<SlackMessage> ephemerals(String channel) {
        return workspace.channel(channel).map(c -> workspace.ephemerals(c.id())).orElse(List.of());
    }

    public List<ApiCall> calls() {
        return webApi.calls();
    }

    public List<ApiCall> calls(String method) {
        return webApi.calls().stream().filter(c -> c.method().equals(method)).toList();
    }

    public long callCount(String method) {
        return calls(method).size();
    }

    public List<CommandResult> commands() {
        return workspace.commands();
    }

    public List<ResponseUrlPost> responses() {
        return workspace.responses();
    }

    /** Adds a message written by a human, e.g. to check that the bot cannot edit it. */
    public SlackMessage postAsUser(String channel, String userId, String text) {
        SlackChannel target = workspace.channel(channel)
                .orElseThrow(() -> new IllegalArgumentException("no channel " + channel));
        return workspace.post(new SlackWorkspace.NewMessage(target.id(), userId, null, text, null, null, false, null));
    }

    /** Creates a channel as a human would; the bot is not a member until invited. */
    public SlackChannel createChannel(String name, String creatorUserId) {
        return workspace.createChannel(name, false, creatorUserId);
    }


    public Optional<String> topic(String channel) {
        return channel(channel).flatMap(c -> workspace.extras.topic(c.id()));
    }

    /** Timestamps of the channel's pinned messages, in pin order. */
    public List<String> pins(String channel) {
        return channel(channel).map(c -> workspace.extras.pins(c.id())).orElse(List.of());
    }

    public boolean archived(String channel) {
        return channel(channel).map(c -> workspace.extras.archived(c.id())).orElse(false);
    }

    /** Adds a workspace member, e.g. someone to invite. */
    public void addUser(SlackUser user) {
        workspace.addUser(user);
    }

    /** What the console's command box does: a signed slash command to the bot; returns the bot's ack. */
    public CommandResult sendCommand(String channel, String userId, String line) {
        return commands.send(channel, userId, line);
    }

    /**
     * What clicking a button does: a signed {@code block_actions} payload for the button {@code actionId} of message
     * {@code ts}, as {@code userId}; returns the bot's ack.
     */
    public CommandResult clickButton(String channel, String ts, String userId, String actionId) {
        return commands.click(channel, ts, userId, actionId);
    }

    /**
     * A click on a message as the clicker's client last rendered it: Slack clients update asynchronously, so a
     * button can still be clicked after {@code chat.update} replaced it. {@code seen} must be a message that exists
     * (same channel and ts); its blocks are the ones clicked.
     */
    public CommandResult clickButtonAsSeen(String channel, SlackMessage seen, String userId, String actionId) {
        return commands.clickAsSeen(channel, seen, userId, actionId);
    }

    /** Creates (or replaces) a user group ({@code S…}), for {@code usergroups.users.list}; S0ONCALL01 is seeded. */
    public void userGroup(String groupId, java.util.List<String> members) {
        workspace.userGroup(groupId, members);
    }

    // --- faults ---

    /** The next {@code calls} Web API calls (any method) answer 429 with {@code Retry-After}. */
    public void rateLimitNextCalls(int calls, Duration retryAfter) {
        rateLimits.stormCalls(calls, retryAfter, null);
    }

    public void rateLimitNextCalls(int calls, Duration retryAfter, String method) {
        rateLimits.stormCalls(calls, retryAfter, Objects.requireNonNull(method, "method"));
    }

    /** Every Web API call for {@code window} (on the sandbox clock) answers 429 with {@code Retry-After}. */
    public void rateLimitFor(Duration window, Duration retryAfter) {
        rateLimits.stormUntil(workspace.now().plus(window), retryAfter, null);
    }

    /** Slack's own limit: about one chat.postMessage per second per channel, bursts of {@code burst} allowed. */
    public void channelPostLimit(boolean enabled, int burst) {
        rateLimits.channelLimit(enabled, burst);
    }

    /** The next {@code calls} calls to {@code method} answer HTTP 200 {@code {"ok":false,"error":error}}. */
    public void failNext(String method, int calls, String error) {
        rateLimits.failNext(method, calls, error);
    }

    /** Switches every injected fault and rate limit off. */
    public void heal() {
        rateLimits.clear();
    }

    @Override
    public void close() {
        socketMode.close();
        server.close();
    }

    /** Options; all have working defaults ({@link SlackOptions}). */
    public static final class Builder extends SlackOptions<Builder> {

        Builder() {
        }

        public SandboxSlack start() {
            try {
                return new SandboxSlack(this);
            } catch (IOException e) {
                throw new UncheckedIOException("could not bind the Slack sandbox on 127.0.0.1:" + port
                        + " (pick another port or 0 for a free one)", e);
            }
        }
    }
}
