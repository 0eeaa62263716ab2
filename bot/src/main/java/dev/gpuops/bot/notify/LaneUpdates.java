package dev.gpuops.bot.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat.update calls of one channel lane: a root or checklist showing less than its run's current state is
 * rendered afresh when the channel's update gate opens, so a burst of events becomes one update. Confined to the
 * lane's worker.
 */
final class LaneUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(LaneUpdates.class);

    /** A message that needs an update, and its run. */
    record Due(RunThread run, RunThread.Slot slot) {
    }

    private final String channel;
    private final SlackGateway gateway;
    private final NotifierSettings settings;
    private final Clock clock;
    private final Gate gate;

    LaneUpdates(String channel, SlackGateway gateway, NotifierSettings settings, Clock clock) {
        this.channel = channel;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
        this.gate = new Gate(settings.updateInterval(), settings.retryBackoff());
    }

    /** The first stale root or checklist, roots before checklists within a run; null when all are current. */
    static Due firstStale(Collection<RunThread> runs) {
        for (RunThread run : runs) {
            if (run.stale(run.root)) {
                return new Due(run, run.root);
            }
            if (run.stale(run.status)) {
                return new Due(run, run.status);
            }
        }
        return null;
    }

    boolean isOpen(Instant now) {
        return gate.isOpen(now);
    }

    Instant openAt() {
        return gate.openAt();
    }

    void update(Due due) {
        RunThread run = due.run();
        RunThread.Slot slot = due.slot();
        SlackText content = run.render(slot.kind);
        SlackGateway.Result result = gateway.update(slot.channelId, slot.ts, content);
        Instant returned = clock.instant();
        switch (result) {
            case SlackGateway.Sent sent -> {
                gate.called(returned);
                slot.sent = content;
                slot.failures = 0;
            }
            case SlackGateway.RateLimited limited -> {
                gate.rateLimited(returned, limited.retryAfter());
                LOG.info("Slack rate-limited chat.update in {}; retrying in {}", channel, limited.retryAfter());
            }
            case SlackGateway.Failed failed -> failed(run, slot, content, failed, returned);
        }
    }

    private void failed(RunThread run, RunThread.Slot slot, SlackText content, SlackGateway.Failed failed,
                        Instant returned) {
        slot.failures++;
        gate.failed(returned, slot.failures);
        if (!failed.retryable()) {
            slot.abandoned = true;
            LOG.error("stopped updating the {} message of run {} in {}: {}", slot.kind, run.view.runId(),
                    channel, failed.error());
        } else if (slot.failures >= settings.maxAttempts()) {
            // skip this version only: the next change to the run tries again
            slot.sent = content;
            slot.failures = 0;
            LOG.warn("gave up one update of the {} message of run {} in {}: {}", slot.kind,
                    run.view.runId(), channel, failed.error());
        }
    }
}
