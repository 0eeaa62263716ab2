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

    private static final String ALPHABET = "0123456789abcdefghijkmnpqrstuvwxyz";

    private Events() {
    }

    public static String newEventId() {
        return UUID.randomUUID().toString();
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
