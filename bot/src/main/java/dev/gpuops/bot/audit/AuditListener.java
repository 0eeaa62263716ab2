package dev.gpuops.bot.audit;

import dev.gpuops.audit.AuditRecord;
import dev.gpuops.bot.views.ViewFeed;
import dev.gpuops.bot.views.ViewRecords;
import dev.gpuops.event.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds {@link AuditView} from {@code gpuops.audit}, from the beginning, under a group of its own per instance. */
public class AuditListener {

    private static final Logger LOG = LoggerFactory.getLogger(AuditListener.class);

    private final AuditView view;

    public AuditListener(AuditView view) {
        this.view = view;
    }

    @ViewFeed(id = "gpuops-bot-audit", topics = AuditRecord.TOPIC,
            groupId = "gpuops-bot-audit-" + ViewFeed.PER_INSTANCE)
    public void onAuditRecord(ConsumerRecord<String, byte[]> record) {
        ViewRecords.read(record, bytes -> EventJson.mapper().readValue(bytes, AuditRecord.class), LOG)
                .ifPresent(view::accept);
    }
}
