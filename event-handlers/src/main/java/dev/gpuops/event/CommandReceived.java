package dev.gpuops.event;

import java.time.Instant;
import java.util.Map;

/**
 * A validated request to run {@code verb} on {@code target}. The run id is assigned at ingress so the user's ack can
 * name it before any handler sees the event.
 *
 * @param inputs runbook inputs derived from the command's arguments (tag, program, count, force)
 */
public record CommandReceived(String eventId, Instant occurredAt, String target, String runId, Verb verb,
                              Map<String, String> inputs, Origin origin) implements IngressEvent {

    public CommandReceived {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }

    /** "restart box-1 worker-gpu": how the command reads back to a human. */
    public String describe() {
        boolean plan = "true".equals(inputs.get("dryRun"));
        StringBuilder text = new StringBuilder(plan ? "plan " : "").append(verb.key()).append(' ').append(target);
        // a flag input holds "true"/"false": it reads as the flag the user typed (--force), or not at all
        inputs.forEach((key, value) -> {
            if (key.equals("dryRun")) {
                return;
            }
            if ("true".equals(value)) {
                text.append(" --").append(key);
            } else if (!value.isBlank() && !"false".equals(value)) {
                text.append(' ').append(value);
            }
        });
        return text.toString();
    }
}
