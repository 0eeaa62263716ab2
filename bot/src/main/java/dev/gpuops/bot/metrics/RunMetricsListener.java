package dev.gpuops.bot.metrics;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.RunEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads {@code gpuops.runs} for the run metrics under one group shared by every replica, so each run is counted by
 * one pod and {@code sum()} over pods is the fleet's total. It starts at the end of the log: history is not recounted
 * after a restart (Prometheus sees a counter reset, which {@code rate()} handles).
 */
public class RunMetricsListener {

    static final String ID = "gpuops-metrics";
    private static final Logger LOG = LoggerFactory.getLogger(RunMetricsListener.class);

    private final RunMetrics metrics;

    public RunMetricsListener(RunMetrics metrics) {
        this.metrics = metrics;
    }

    @KafkaListener(id = ID, topics = Events.RUNS_TOPIC, groupId = ID,
            properties = {
                    "auto.offset.reset=latest",
                    "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                    "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"})
    public void onRunEvent(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        GpuopsEvent event;
        try {
            event = EventJson.read(record.value());
        } catch (RuntimeException e) {
            LOG.debug("metrics: skipping unreadable record {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        if (event instanceof RunEvent run) {
            metrics.accept(run);
        }
    }
}
