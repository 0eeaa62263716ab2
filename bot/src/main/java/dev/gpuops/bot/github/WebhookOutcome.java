package dev.gpuops.bot.github;

import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP answer to one GitHub delivery. */
public record WebhookOutcome(int status, Map<String, Object> body) {

    static WebhookOutcome of(int status, String state, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", state);
        body.put("detail", detail);
        return new WebhookOutcome(status, body);
    }
}
