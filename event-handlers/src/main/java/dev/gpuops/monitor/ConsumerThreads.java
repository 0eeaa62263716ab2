package dev.gpuops.monitor;

import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** How the monitor's hand-run consumers stop: wake the poll, then wait for the thread to close its consumer. */
final class ConsumerThreads {

    private static final Duration JOIN = Duration.ofSeconds(10);

    private ConsumerThreads() {
    }

    /** Call after clearing the loop's running flag; the thread closes the consumer on its way out. */
    static void stop(KafkaConsumer<?, ?> consumer, Thread thread) {
        consumer.wakeup();
        try {
            thread.join(JOIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
