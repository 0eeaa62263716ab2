package dev.gpuops.bot.kafka;

/** Whether Kafka took an event. Only {@link Acked} may be reported to a user as "queued". */
public sealed interface PublishResult {

    /** The broker acknowledged the write (acks=all): the event is durable. */
    record Acked(String topic, int partition, long offset) implements PublishResult {
    }

    /** Kafka did not acknowledge in time, or refused; the event must be treated as not published. */
    record Failed(String reason) implements PublishResult {
    }
}
