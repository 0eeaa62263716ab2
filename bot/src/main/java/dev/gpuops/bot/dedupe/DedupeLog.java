package dev.gpuops.bot.dedupe;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The dedupe topic as one reader follows it: each {@link #readNew} hands over what was written since the previous
 * call (the first call: everything), up to the topic's end at the time of the call. That is how one replica sees
 * the claims another replica made after it started.
 */
public interface DedupeLog extends AutoCloseable {

    /** @throws RuntimeException when the topic cannot be read up to its current end within {@code timeout} */
    void readNew(String topic, Duration timeout, Consumer<ConsumerRecord<String, String>> sink);

    @Override
    default void close() {
    }

    /** Reads {@code history} once, at the first call, and nothing later: claims of other replicas stay unseen. */
    static DedupeLog once(DedupeHistory history) {
        return new DedupeLog() {
            private boolean read;

            @Override
            public synchronized void readNew(String topic, Duration timeout,
                                             Consumer<ConsumerRecord<String, String>> sink) {
                if (!read) {
                    history.replay(topic, timeout, sink);
                    read = true;
                }
            }
        };
    }
}
