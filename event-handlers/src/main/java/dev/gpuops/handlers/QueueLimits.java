package dev.gpuops.handlers;

import dev.gpuops.runbook.engine.TargetRunScheduler;

/**
 * How much work a target may have waiting.
 *
 * @param maxQueuedPerTarget runs that may wait behind a target's running one ({@code GPUOPS_MAX_QUEUED_PER_TARGET});
 *                           one more is refused and its requester told the target is busy
 */
public record QueueLimits(int maxQueuedPerTarget) {

    public QueueLimits {
        if (maxQueuedPerTarget < 1) {
            throw new IllegalArgumentException("GPUOPS_MAX_QUEUED_PER_TARGET must be at least 1, got "
                    + maxQueuedPerTarget);
        }
    }

    public static QueueLimits defaults() {
        return new QueueLimits(TargetRunScheduler.DEFAULT_MAX_QUEUED_PER_TARGET);
    }
}
