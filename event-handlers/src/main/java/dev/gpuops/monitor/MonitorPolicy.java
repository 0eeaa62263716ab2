package dev.gpuops.monitor;

import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.List;

/**
 * A target's monitor settings with the defaults filled in.
 *
 * @param checks the target's own check ids, or null to use its provider's defaults
 */
public record MonitorPolicy(boolean enabled, Duration interval, Duration probeTimeout, int failAfter,
                            int recoverAfter, List<String> checks) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_FAIL_AFTER = 3;
    public static final int DEFAULT_RECOVER_AFTER = 2;

    public static MonitorPolicy of(Target target) {
        return of(target.monitor());
    }

    public static MonitorPolicy of(Target.Monitor monitor) {
        if (monitor == null) {
            return new MonitorPolicy(true, DEFAULT_INTERVAL, DEFAULT_PROBE_TIMEOUT, DEFAULT_FAIL_AFTER,
                    DEFAULT_RECOVER_AFTER, null);
        }
        return new MonitorPolicy(!Boolean.FALSE.equals(monitor.enabled()),
                monitor.interval() == null ? DEFAULT_INTERVAL : monitor.interval(),
                monitor.probeTimeout() == null ? DEFAULT_PROBE_TIMEOUT : monitor.probeTimeout(),
                monitor.failAfter() == null ? DEFAULT_FAIL_AFTER : monitor.failAfter(),
                monitor.recoverAfter() == null ? DEFAULT_RECOVER_AFTER : monitor.recoverAfter(),
                monitor.checks());
    }

    /** The same policy probing every {@code interval} (the demo's short interval). */
    public MonitorPolicy every(Duration newInterval) {
        return new MonitorPolicy(enabled, newInterval, probeTimeout, failAfter, recoverAfter, checks);
    }
}
