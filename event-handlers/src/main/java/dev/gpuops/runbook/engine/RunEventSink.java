package dev.gpuops.runbook.engine;

import dev.gpuops.event.RunEvent;

/**
 * Where the engine's run events go (Kafka {@code gpuops.runs} in production). {@link #publish} returns only once the
 * event is durably written, so a run never gets ahead of what its users can see.
 */
@FunctionalInterface
public interface RunEventSink {

    /** @throws RuntimeException when the event could not be written */
    void publish(RunEvent event);
}
