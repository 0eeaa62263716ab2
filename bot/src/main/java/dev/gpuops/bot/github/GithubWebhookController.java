package dev.gpuops.bot.github;

import dev.gpuops.bot.ingress.IngressGuard;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /github/webhook}: reads the raw body (the signature covers its exact bytes) and answers fast. */
@RestController
public class GithubWebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(GithubWebhookController.class);
    private final GithubWebhookReceiver receiver;
    /** GitHub does not deliver payloads over 25 MB; a chunked body is cut off here too. */
    private final int maxBody;

    public GithubWebhookController(GithubWebhookReceiver receiver, IngressGuard guard) {
        this.receiver = receiver;
        this.maxBody = (int) guard.cap(IngressGuard.Endpoint.GITHUB);
    }

    @PostMapping(path = "/github/webhook", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> receive(HttpServletRequest request) {
        WebhookOutcome outcome;
        try {
            byte[] body = request.getInputStream().readNBytes(maxBody + 1);
            outcome = body.length > maxBody
                    ? WebhookOutcome.of(413, "rejected", "payload larger than " + maxBody + " bytes")
                    : receiver.receive(request.getHeader("X-GitHub-Event"), request.getHeader("X-GitHub-Delivery"),
                            request.getHeader("X-Hub-Signature-256"), request.getContentType(), body);
        } catch (IOException e) {
            outcome = WebhookOutcome.of(400, "rejected", "could not read the body: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            // GitHub never gets a 5xx for what it sent; only Kafka being down is worth a redelivery
            LOG.error("GitHub delivery {} could not be processed", request.getHeader("X-GitHub-Delivery"), e);
            outcome = WebhookOutcome.of(400, "rejected", "could not process the delivery: "
                    + e.getClass().getSimpleName() + " (see the gpuops log)");
        }
        return ResponseEntity.status(outcome.status()).body(outcome.body());
    }
}
