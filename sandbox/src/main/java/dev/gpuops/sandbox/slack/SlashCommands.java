package dev.gpuops.sandbox.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Plays Slack's part of a slash command: builds the exact form body Slack sends, signs it with the app's signing
 * secret, POSTs it to the bot and records the ack. Issues the {@code response_url} the bot may answer on later.
 */
final class SlashCommands {

    /** Slack still sends the deprecated verification token; the sandbox's is fixed and not a secret. */
    static final String VERIFICATION_TOKEN = "sandboxVerificationToken0";
    private static final int RESPONSE_URL_USES = 5;
    private static final Duration RESPONSE_URL_LIFETIME = Duration.ofMinutes(30);

    private final SlackWorkspace workspace;
    private final Supplier<String> signingSecret;
    private final Supplier<URI> botUrl;
    private final Supplier<String> baseUrl;
    private final Duration ackTimeout;
    private final HttpClient http;
    private final SocketModeLink socketMode;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Issued> responseUrls = new ConcurrentHashMap<>();

    SlashCommands(SlackWorkspace workspace, Supplier<String> signingSecret, Supplier<URI> botUrl,
                  Supplier<String> baseUrl, Duration ackTimeout, SocketModeLink socketMode) {
        this.workspace = workspace;
        this.signingSecret = signingSecret;
        this.botUrl = botUrl;
        this.baseUrl = baseUrl;
        this.ackTimeout = ackTimeout;
        this.socketMode = socketMode;
        this.http = HttpClient.newBuilder().connectTimeout(ackTimeout).build();
    }

    /** Sends {@code line} ("/gpu status box-1", or just "status box-1") as typed by {@code userId} in a channel. */
    CommandResult send(String channelIdOrName, String userId, String line) {
        SlackChannel channel = workspace.channel(channelIdOrName)
                .orElseThrow(() -> new IllegalArgumentException("no channel " + channelIdOrName + " in the sandbox"));
        SlackUser user = workspace.user(userId == null ? SlackWorkspace.DEFAULT_HUMAN : userId)
                .orElseThrow(() -> new IllegalArgumentException("no user " + userId + " in the sandbox"));
        String trimmed = line == null ? "" : line.strip();
        String command = trimmed.startsWith("/") ? trimmed.split("\\s+", 2)[0] : "/gpu";
        String text = trimmed.startsWith("/") ? trimmed.substring(command.length()).strip() : trimmed;
        String id = "cmd-" + sequence.incrementAndGet();
        String responseUrl = baseUrl.get() + "/response/" + id;
        responseUrls.put(id, new Issued(id, channel.id(), user.id(), workspace.now()));
        Map<String, String> form = form(channel, user, command, text, responseUrl);
        CommandResult result = socketMode.enabled()
                ? overSocket(id, channel, user, command, text, "slash_commands", formPayload(form), responseUrl)
                : post(id, channel, user, command, text, HttpExchanges.encodeForm(form), responseUrl);
        workspace.recordCommand(result);
        if (result.status() == 200) {
            CommandReplies.parse(result.body()).ifPresent(reply -> CommandReplies.showAck(workspace, result, reply));
        }
        return result;
    }

    /**
     * A click on {@code actionId} in a message, by {@code userId}: a signed {@code block_actions} payload to the bot.
     *
     * @throws IllegalArgumentException when the message or the button is not there (Slack would show no button)
     */
    CommandResult click(String channelIdOrName, String messageTs, String userId, String actionId) {
        SlackChannel channel = workspace.channel(channelIdOrName)
                .orElseThrow(() -> new IllegalArgumentException("no channel " + channelIdOrName + " in the sandbox"));
        SlackUser user = workspace.user(userId == null ? SlackWorkspace.DEFAULT_HUMAN : userId)
                .orElseThrow(() -> new IllegalArgumentException("no user " + userId + " in the sandbox"));
        SlackMessage message = workspace.message(channel.id(), messageTs)
                .orElseThrow(() -> new IllegalArgumentException("no message " + messageTs + " in " + channel.id()));
        return click(channel, message, user, actionId);
    }

    /** A click on {@code seen}, the version of the message the clicker's client rendered (maybe an older one). */
    CommandResult clickAsSeen(String channelIdOrName, SlackMessage seen, String userId, String actionId) {
        SlackChannel channel = workspace.channel(channelIdOrName)
                .orElseThrow(() -> new IllegalArgumentException("no channel " + channelIdOrName + " in the sandbox"));
        SlackUser user = workspace.user(userId == null ? SlackWorkspace.DEFAULT_HUMAN : userId)
                .orElseThrow(() -> new IllegalArgumentException("no user " + userId + " in the sandbox"));
        workspace.message(channel.id(), seen.ts())
                .orElseThrow(() -> new IllegalArgumentException("no message " + seen.ts() + " in " + channel.id()));
        return click(channel, seen, user, actionId);
    }

    private CommandResult click(SlackChannel channel, SlackMessage message, SlackUser user, String actionId) {
        String messageTs = message.ts();
        tools.jackson.databind.JsonNode button = BlockActions.button(message, actionId)
                .orElseThrow(() -> new IllegalArgumentException("message " + messageTs + " has no button "
                        + actionId + " (any more)"));
        String id = "act-" + sequence.incrementAndGet();
        String responseUrl = baseUrl.get() + "/response/" + id;
        responseUrls.put(id, new Issued(id, channel.id(), user.id(), workspace.now()));
        String payload = BlockActions.payload(message, user, channel, button, responseUrl, triggerId(),
                workspace.now());
        if (socketMode.enabled()) {
            return overSocket(id, channel, user, "block_actions", actionId, "interactive",
                    HttpExchanges.JSON.readTree(payload), responseUrl);
        }
        String body = HttpExchanges.encodeForm(BlockActions.form(payload));
        return post(id, channel, user, "block_actions", actionId, body, responseUrl);
    }

    /** The fields in the order Slack sends them. */
    static Map<String, String> form(SlackChannel channel, SlackUser user, String command, String text,
                                    String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", VERIFICATION_TOKEN);
        form.put("team_id", SlackWorkspace.TEAM_ID);
        form.put("team_domain", SlackWorkspace.TEAM_DOMAIN);
        form.put("channel_id", channel.id());
        form.put("channel_name", channel.name());
        form.put("user_id", user.id());
        form.put("user_name", user.name());
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", SlackWorkspace.APP_ID);
        form.put("is_enterprise_install", "false");
        form.put("response_url", responseUrl);
        form.put("trigger_id", triggerId());
        return form;
    }

    /** Over Socket Mode a slash command's form fields travel as a JSON object of strings. */
    private static tools.jackson.databind.node.ObjectNode formPayload(Map<String, String> form) {
        tools.jackson.databind.node.ObjectNode payload = HttpExchanges.JSON.createObjectNode();
        form.forEach(payload::put);
        return payload;
    }

    /** Slack lets an app answer a slash command in its ack; a button click's ack carries no response. */
    private CommandResult overSocket(String id, SlackChannel channel, SlackUser user, String command, String text,
                                     String type, tools.jackson.databind.JsonNode payload, String responseUrl) {
        Instant at = workspace.now();
        SocketModeLink.Delivery delivery = socketMode.deliver(type, payload, "slash_commands".equals(type),
                ackTimeout);
        return new CommandResult(id, channel.id(), user.id(), command, text, at, delivery.status(), delivery.body(),
                responseUrl);
    }

    private CommandResult post(String id, SlackChannel channel, SlackUser user, String command, String text,
                               String body, String responseUrl) {
        Instant at = workspace.now();
        URI target = botUrl.get();
        if (target == null) {
            return new CommandResult(id, channel.id(), user.id(), command, text, at, 0,
                    "no bot URL configured: call SandboxSlack.botUrl(...) once the bot is listening", responseUrl);
        }
        // Signed with the wall clock, not the workspace clock: the bot checks freshness against its own time.
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(ackTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
                .header(SlackSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SlackSignature.SIGNATURE_HEADER, SlackSignature.sign(signingSecret.get(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new CommandResult(id, channel.id(), user.id(), command, text, at, response.statusCode(),
                    response.body(), responseUrl);
        } catch (HttpTimeoutException e) {
            return new CommandResult(id, channel.id(), user.id(), command, text, at, 0,
                    "operation_timeout: the bot did not ack within " + ackTimeout.toMillis() + " ms", responseUrl);
        } catch (IOException e) {
            return new CommandResult(id, channel.id(), user.id(), command, text, at, 0,
                    "dispatch_failed: could not reach the bot at " + target + " (" + e + ")", responseUrl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(id, channel.id(), user.id(), command, text, at, 0, "interrupted", responseUrl);
        }
    }

    /**
     * Slack's response_url allows five posts within thirty minutes.
     *
     * @throws SlackError {@code expired_url} for an unknown or old url, {@code used_url} after five posts
     */
    Issued claimResponseUrl(String id) {
        Issued issued = responseUrls.get(id);
        if (issued == null || workspace.now().isAfter(issued.issuedAt.plus(RESPONSE_URL_LIFETIME))) {
            throw new SlackError("expired_url");
        }
        synchronized (issued) {
            if (issued.uses >= RESPONSE_URL_USES) {
                throw new SlackError("used_url");
            }
            issued.uses++;
        }
        return issued;
    }

    private static String triggerId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] suffix = new byte[16];
        random.nextBytes(suffix);
        return random.nextLong(100_000_000_000L, 999_999_999_999L) + "." + random.nextLong(10_000_000_000L,
                99_999_999_999L) + "." + HexFormat.of().formatHex(suffix);
    }

    /** A response_url handed out with a command. */
    static final class Issued {
        final String commandId;
        final String channel;
        final String user;
        final Instant issuedAt;
        int uses;

        Issued(String commandId, String channel, String user, Instant issuedAt) {
            this.commandId = commandId;
            this.channel = channel;
            this.user = user;
            this.issuedAt = issuedAt;
        }
    }
}
