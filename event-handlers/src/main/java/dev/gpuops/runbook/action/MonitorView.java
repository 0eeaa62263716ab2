package dev.gpuops.runbook.action;

/**
 * The health monitor's current view of a target, for {@code /gpu status} (the {@code monitor.view} step). Registered
 * in {@link Services} by the process that runs the monitor.
 */
@FunctionalInterface
public interface MonitorView {

    /** One line, e.g. "unknown — lambda-status: Lambda API unreachable (timeout) since 16:02 UTC; not alerting". */
    String view(String target);
}
