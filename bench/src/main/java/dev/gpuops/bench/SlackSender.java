package dev.gpuops.bench;

import dev.gpuops.sandbox.slack.SlackChannel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends one signed slash command to the bot, as Slack does, and reads the run id out of the ack. */
final class SlackSender {

    private static final Pattern RUN_ID = Pattern.compile("\\b(r-[0-9a-z]{8})\\b");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final SignedInvocations invocations;
    private final URI bot;

    SlackSender(SignedInvocations invocations, URI bot) {
        this.invocations = invocations;
        this.bot = bot;
    }

    /** The run id the bot queued, or empty when it answered without one (or not with 200 within Slack's 3 s). */
    Optional<String> send(String text, SlackChannel channel) throws IOException, InterruptedException {
        SignedInvocations.Signed signed = invocations.next(text, channel.id(), channel.name());
        HttpRequest request = HttpRequest.newBuilder(bot).timeout(Duration.ofSeconds(3))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", signed.timestamp())
                .header("X-Slack-Signature", signed.signature())
                .POST(HttpRequest.BodyPublishers.ofString(signed.body())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        Matcher m = RUN_ID.matcher(response.body());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static Optional<String> runIdIn(String text) {
        Matcher m = RUN_ID.matcher(text == null ? "" : text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
