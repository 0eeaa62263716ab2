package dev.gpuops.bot.slack;

import dev.gpuops.bot.kafka.CommandPublisher;
import dev.gpuops.bot.runs.RunsView;
import java.time.Clock;
import java.time.Duration;

/**
 * What every verb handler that publishes to Kafka shares: the publisher, the runs view it reads and updates, the
 * clock that stamps events, and the one reply for a command Kafka did not take in time.
 */
abstract class PublishingHandler {

    protected final CommandPublisher publisher;
    protected final RunsView runs;
    protected final Clock clock;
    private final Duration ackTimeout;

    PublishingHandler(CommandPublisher publisher, RunsView runs, Clock clock, Duration ackTimeout) {
        this.publisher = publisher;
        this.runs = runs;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
    }

    /** Kafka did not acknowledge within the timeout: nothing started, and the user may simply retry. */
    protected final SlackReply notTaken() {
        return SlackReply.notTaken(notTaken(ackTimeout));
    }

    static String notTaken(Duration ackTimeout) {
        return "Kafka did not accept the command within " + seconds(ackTimeout) + "; nothing was started — try "
                + "again in a moment. If it keeps happening, the Kafka cluster is down: check `/actuator/health`.";
    }

    private static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
