package dev.gpuops.bot.views;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A listener that feeds an in-memory view: every bot instance reads the whole topic from the beginning under a group
 * of its own ({@link #PER_INSTANCE} after a prefix), commits nothing, and gets the raw bytes to decode with
 * {@link ViewRecords#read}. Handlers, not views, dead-letter what cannot be read.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@KafkaListener(properties = {
        "auto.offset.reset=earliest",
        "enable.auto.commit=false",
        "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
        "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"})
public @interface ViewFeed {

    /** Appended to a group prefix: a fresh group per instance, so each one replays the topic from its start. */
    String PER_INSTANCE = "#{T(java.util.UUID).randomUUID().toString().substring(0, 8)}";

    /** The listener container's id (shown by {@code /actuator/health}). */
    @AliasFor(annotation = KafkaListener.class, attribute = "id")
    String id();

    @AliasFor(annotation = KafkaListener.class, attribute = "topics")
    String[] topics();

    /** {@code "<prefix>-" + PER_INSTANCE}. */
    @AliasFor(annotation = KafkaListener.class, attribute = "groupId")
    String groupId();
}
