package dev.gpuops.monitor.probe;

import dev.gpuops.event.CheckResult;
import dev.gpuops.target.Target;
import java.util.List;

/**
 * A read-only look at one target. Returns one or more results named after the check (a probe that watches several
 * signals names each, e.g. {@code runpod-health/init-loop}). A probe that cannot reach the provider returns UNKNOWN
 * results; it throws only for bugs.
 */
public interface Probe {

    /** The key checks name in {@code probe:}. */
    String key();

    List<CheckResult> run(CheckDefinition check, Target target);
}
