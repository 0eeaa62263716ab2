package dev.gpuops.bot.github;

import dev.gpuops.bot.kafka.CommandPublisher;
import dev.gpuops.bot.kafka.PublishResult;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.bot.support.Names;
import dev.gpuops.bot.dedupe.DurableDedupe;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One GitHub delivery, start to finish: signature, ping, redelivery dedupe, payload decoding, translation and
 * publishing. Never answers 5xx, except 503 when Kafka did not take the commands: then GitHub shows a failed
 * delivery that can be redelivered, and the delivery id is not remembered so the redelivery is processed.
 * Deduplicates durably on the delivery id and on what the signature covers (the workflow run and attempt, the
 * package version and tag), so neither a redelivery nor a replay under a fresh delivery id deploys twice.
 */
public class GithubWebhookReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(GithubWebhookReceiver.class);

    private final WebhookSignature signature;
    private final GithubEventTranslator translator;
    private final CommandPublisher publisher;
    private final RunsView runs;
    private final DurableDedupe deliveries;

    public GithubWebhookReceiver(WebhookSignature signature, GithubEventTranslator translator,
                                 CommandPublisher publisher, RunsView runs, DurableDedupe deliveries) {
        this.signature = signature;
        this.translator = translator;
        this.publisher = publisher;
        this.runs = runs;
        this.deliveries = deliveries;
    }

    public WebhookOutcome receive(String event, String deliveryId, String signatureHeader, String contentType,
                                  byte[] body) {
        if (!signature.configured()) {
            LOG.error("Refused a GitHub delivery: GITHUB_WEBHOOK_SECRET is not set, so no delivery can be verified. "
                    + "Set it to the secret configured on the GitHub webhook.");
            return WebhookOutcome.of(401, "unauthorized", "webhook secret not configured on the gpuops side");
        }
        if (!signature.verify(body, signatureHeader)) {
            LOG.info("Refused a GitHub delivery {}: bad or missing X-Hub-Signature-256", Names.loggable(deliveryId));
            return WebhookOutcome.of(401, "unauthorized", "bad or missing X-Hub-Signature-256");
        }
        if ("ping".equals(event)) {
            return WebhookOutcome.of(200, "pong", "webhook reached gpuops");
        }
        if (event == null || event.isBlank()) {
            return WebhookOutcome.of(400, "rejected", "missing X-GitHub-Event header");
        }
        if (deliveryId == null || deliveryId.isBlank()) {
            return WebhookOutcome.of(400, "rejected", "missing X-GitHub-Delivery header");
        }
        String deliveryKey = "delivery:" + deliveryId;
        switch (deliveries.claim(deliveryKey)) {
            case DUPLICATE -> {
                return WebhookOutcome.of(200, "duplicate delivery", "delivery " + Names.loggable(deliveryId)
                        + " was already processed");
            }
            case UNAVAILABLE -> {
                return unavailable();
            }
            case NEW -> {
            }
        }
        WebhookOutcome outcome = process(event, deliveryId, contentType, body);
        if (outcome.status() >= 400) {
            deliveries.release(deliveryKey);
        }
        return outcome;
    }

    private WebhookOutcome process(String event, String deliveryId, String contentType, byte[] body) {
        JsonNode payload;
        try {
            payload = decode(contentType, body);
        } catch (JacksonException | IllegalArgumentException e) {
            return WebhookOutcome.of(400, "rejected", "malformed payload: " + e.getClass().getSimpleName());
        }
        return switch (translator.translate(event, payload, deliveryId)) {
            case Translation.Ignored ignored -> WebhookOutcome.of(202, "ignored", ignored.reason());
            case Translation.Deploys deploys -> publishOnce(ReplayKeys.of(event, payload), deploys, deliveryId);
        };
    }

    /** Claims the signed run/version key first: a replay under a new delivery id stops here. */
    private WebhookOutcome publishOnce(Optional<String> replayKey, Translation.Deploys deploys, String deliveryId) {
        if (replayKey.isEmpty()) {
            return WebhookOutcome.of(400, "rejected", "payload lacks the run id and attempt (or package version id)"
                    + " that replays are recognised by");
        }
        switch (deliveries.claim(replayKey.get())) {
            case DUPLICATE -> {
                LOG.info("GitHub delivery {} replays {}, already deployed; nothing queued",
                        Names.loggable(deliveryId), replayKey.get());
                return WebhookOutcome.of(200, "duplicate run", replayKey.get()
                        + " was already processed under another delivery; nothing queued");
            }
            case UNAVAILABLE -> {
                return unavailable();
            }
            case NEW -> {
            }
        }
        WebhookOutcome outcome = publish(deploys.commands(), deliveryId);
        if (outcome.status() >= 400) {
            deliveries.release(replayKey.get());
        }
        return outcome;
    }

    private static WebhookOutcome unavailable() {
        return WebhookOutcome.of(503, "kafka unavailable", "Kafka did not take the dedupe record, so nothing was "
                + "queued; redeliver this delivery when Kafka is back");
    }

    private WebhookOutcome publish(List<CommandReceived> commands, String deliveryId) {
        List<Map<String, String>> queued = new ArrayList<>();
        for (CommandReceived command : commands) {
            if (publisher.publish(command) instanceof PublishResult.Failed failed) {
                LOG.warn("GitHub delivery {}: Kafka did not take the deploy of {} ({}); answering 503 so it can be "
                        + "redelivered", Names.loggable(deliveryId), command.target(), failed.reason());
                WebhookOutcome outcome = WebhookOutcome.of(503, "kafka unavailable",
                        "Kafka did not accept the deploy commands; redeliver this delivery when Kafka is back");
                outcome.body().put("queued", queued);
                return outcome;
            }
            runs.requested(command);
            Map<String, String> run = new LinkedHashMap<>();
            run.put("target", command.target());
            run.put("runId", command.runId());
            run.put("tag", command.inputs().get("tag"));
            queued.add(run);
            LOG.info("GitHub delivery {} queued {} as {}", Names.loggable(deliveryId), command.describe(),
                    command.runId());
        }
        WebhookOutcome outcome = WebhookOutcome.of(200, "queued", queued.size() + " deploy(s) queued");
        outcome.body().put("runs", queued);
        return outcome;
    }

    /** JSON, or a form body whose {@code payload} field holds the JSON (the webhook's other content type). */
    static JsonNode decode(String contentType, byte[] body) {
        byte[] json = body;
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            json = formField(new String(body, StandardCharsets.US_ASCII), "payload")
                    .getBytes(StandardCharsets.UTF_8);
        }
        JsonNode node = EventJson.mapper().readTree(json);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        return node;
    }

    private static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("form body has no '" + name + "' field");
    }
}
