package dev.gpuops.provider.aws;

import java.time.Instant;

/**
 * One instance refresh as {@code DescribeInstanceRefreshes} reports it. Numbers are null when AWS left them out
 * (a {@code Pending} refresh has no percentage yet).
 */
public record InstanceRefresh(String id, String group, RefreshStatus status, String rawStatus,
                              Integer percentageComplete, Integer instancesToUpdate, String statusReason,
                              Instant startTime, Instant endTime) {

    public int percentOrZero() {
        return percentageComplete == null ? 0 : percentageComplete;
    }

    /** One line for a Slack thread: "InProgress 40% (3 to update)". */
    public String describe() {
        StringBuilder line = new StringBuilder(rawStatus == null ? status.wire() : rawStatus)
                .append(' ').append(percentOrZero()).append('%');
        if (instancesToUpdate != null) {
            line.append(" (").append(instancesToUpdate).append(" to update)");
        }
        if (statusReason != null && !statusReason.isBlank()) {
            line.append(": ").append(statusReason);
        }
        return line.toString();
    }
}
