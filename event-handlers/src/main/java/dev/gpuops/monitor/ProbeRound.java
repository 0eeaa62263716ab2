package dev.gpuops.monitor;

import dev.gpuops.event.CheckResult;
import java.time.Instant;
import java.util.List;

/** Every check of one probe of one target, and when it ran. */
public record ProbeRound(String target, Instant at, List<CheckResult> checks) {

    public ProbeRound {
        checks = List.copyOf(checks);
    }

    /** FAILING if any check fails; otherwise UNKNOWN if any could not tell; OK when all passed. */
    public CheckResult.Status verdict() {
        if (checks.stream().anyMatch(CheckResult::isFailing)) {
            return CheckResult.Status.FAILING;
        }
        if (checks.stream().anyMatch(c -> c.status() == CheckResult.Status.UNKNOWN)) {
            return CheckResult.Status.UNKNOWN;
        }
        return CheckResult.Status.OK;
    }

    public List<CheckResult> failing() {
        return checks.stream().filter(CheckResult::isFailing).toList();
    }

    public List<CheckResult> unknown() {
        return checks.stream().filter(c -> c.status() == CheckResult.Status.UNKNOWN).toList();
    }
}
