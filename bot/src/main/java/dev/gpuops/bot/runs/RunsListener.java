package dev.gpuops.bot.runs;

import dev.gpuops.bot.views.ViewFeed;
import dev.gpuops.bot.views.ViewRecords;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.RunEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link RunsView} from {@code gpuops.runs}. Every bot instance reads the whole topic under its own group,
 * from the beginning, so after a restart it knows again which runs are queued or in flight.
 */
public class RunsListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunsListener.class);

    private final RunsView view;

    public RunsListener(RunsView view) {
        this.view = view;
    }

    @ViewFeed(id = "gpuops-bot-runs", topics = Events.RUNS_TOPIC, groupId = "gpuops-bot-runs-" + ViewFeed.PER_INSTANCE)
    public void onRunEvent(ConsumerRecord<String, byte[]> record) {
        // a view, not a handler: an unreadable record is skipped here; the handlers dead-letter it
        ViewRecords.read(record, EventJson::read, LOG)
                .filter(RunEvent.class::isInstance).map(RunEvent.class::cast)
                .ifPresent(view::accept);
    }
}
