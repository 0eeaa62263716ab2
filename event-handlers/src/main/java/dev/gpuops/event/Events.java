package dev.gpuops.event;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Identifiers and the event JSON mapper. */
public final class Events {

    public static final String COMMANDS_TOPIC = "gpuops.commands";
    public static final String RUNS_TOPIC = "gpuops.runs";
    public static final String DEAD_LETTER_SUFFIX = ".dlt";
    /**
     * Compacted (and time-bounded) topic keyed by run id: each run's latest checkpoint, so a handler that starts or
     * takes over a target can rebuild its unfinished runs (see {@code dev.gpuops.runstate}).
     */
    public static final String RUN_STATE_TOPIC = "gpuops.run-state";

    private static final String ALPHABET = "0123456789abcdefghijkmnpqrstuvwxyz";

    private Events() {
    }

    public static String newEventId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The run id for a request that carries an idempotency key (Slack trigger id, GitHub delivery id): the same key
     * always gives the same id, so a retry that lands after a restart or on another replica names the run already
     * recorded, and the handlers' durable dedupe (by run id) turns it into nothing.
     */
    public static String runIdFor(String idempotencyKey) {
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(idempotencyKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        StringBuilder id = new StringBuilder("r-");
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt((digest[i] & 0xff) % 34));
        }
        return id.toString();
    }

    /** Short, sortable-ish run ids a human can type: {@code r-} + 8 characters. */
    public static String newRunId(Clock clock) {
        long seconds = Instant.now(clock).getEpochSecond();
        StringBuilder id = new StringBuilder("r-");
        long t = seconds % (34L * 34 * 34 * 34);
        for (int i = 0; i < 4; i++) {
            id.insert(2, ALPHABET.charAt((int) (t % 34)));
            t /= 34;
        }
        for (int i = 0; i < 4; i++) {
            id.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(34)));
        }
        return id.toString();
    }
}
