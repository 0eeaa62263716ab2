package dev.gpuops.consumer;

import dev.gpuops.event.ApprovalSubmitted;
import dev.gpuops.event.CancelRequested;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.IngressEvent;
import dev.gpuops.event.MonitorEvent;
import dev.gpuops.event.RunEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.listener.MessageListener;
import tools.jackson.core.JacksonException;

/**
 * The {@code gpuops.commands} listener: value = event JSON ({@link EventJson}), key = target. Decodes and hands the
 * event to the {@link CommandDispatcher}; undecodable or foreign records are poison and go to the dead-letter topic.
 * The offset is committed after this returns, so RunQueued is on {@code gpuops.runs} before the command counts as
 * consumed.
 */
public final class CommandConsumer implements MessageListener<String, byte[]> {

    private final CommandDispatcher dispatcher;

    public CommandConsumer(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        IngressEvent event = decode(record);
        // structured logs (LOGGING_STRUCTURED_FORMAT_CONSOLE) carry these with every line of the dispatch; the run's
        // own lines carry runId and target from the engine
        try (var eventId = MDC.putCloseable("eventId", event.eventId());
             var target = MDC.putCloseable("target", event.target());
             var runId = MDC.putCloseable("runId", runIdOf(event))) {
            dispatcher.dispatch(event);
        }
    }

    private static String runIdOf(IngressEvent event) {
        return switch (event) {
            case CommandReceived command -> command.runId();
            case CancelRequested cancel -> cancel.runId();
            case ApprovalSubmitted decision -> decision.runId();
        };
    }

    static IngressEvent decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonRecordException("empty record at " + where(record));
        }
        GpuopsEvent event;
        try {
            event = EventJson.read(record.value());
        } catch (JacksonException e) {
            throw new PoisonRecordException("not a gpuops event at " + where(record) + ": "
                    + e.getOriginalMessage(), e);
        }
        return switch (event) {
            case IngressEvent ingress -> ingress;
            case RunEvent run -> throw new PoisonRecordException(run.getClass().getSimpleName() + " at "
                    + where(record) + " belongs on the runs topic, not the commands topic");
            case MonitorEvent monitor -> throw new PoisonRecordException(monitor.getClass().getSimpleName()
                    + " at " + where(record) + " belongs on a monitor topic, not the commands topic");
        };
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
