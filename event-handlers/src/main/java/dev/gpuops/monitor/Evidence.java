package dev.gpuops.monitor;

import dev.gpuops.event.CheckResult;
import java.util.List;

/** One line of failing checks for timelines and alerts. */
final class Evidence {

    private Evidence() {
    }

    static String line(List<CheckResult> checks) {
        if (checks.isEmpty()) {
            return "no failing check recorded";
        }
        return String.join("; ", checks.stream().map(c -> c.check() + ": " + c.evidence()).toList());
    }
}
