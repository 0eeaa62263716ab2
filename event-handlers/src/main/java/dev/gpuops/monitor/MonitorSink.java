package dev.gpuops.monitor;

import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.MonitorEvent;

/** Where the monitor's output goes: Kafka in a deployment ({@link KafkaMonitorSink}), a list in unit tests. */
public interface MonitorSink {

    void publish(MonitorEvent event);

    /** An automatic action: an ordinary command, run like any other. */
    void command(CommandReceived command);
}
