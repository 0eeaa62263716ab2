package dev.gpuops.bot.views;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;

/** Decoding for {@link ViewFeed} listeners: an unreadable record is logged with its place and skipped. */
public final class ViewRecords {

    /** A decoder of a record's bytes that may throw on bad input. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(byte[] value);
    }

    private ViewRecords() {
    }

    /** The decoded value, or empty (logged at WARN on {@code log}) when the record cannot be read. */
    public static <T> Optional<T> read(ConsumerRecord<String, byte[]> record, Decoder<T> decoder, Logger log) {
        try {
            return Optional.ofNullable(decoder.decode(record.value()));
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
