package dev.gpuops.target;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Load-time checks of the health-monitor keys: monitor, oncall, remediate, runpod.stuckAfter/burnAfter. */
final class MonitorRules {

    static final Set<String> SCALE_TO_ZERO_SIGNALS = Set.of("init-loop", "credit-burn");

    private MonitorRules() {
    }

    /** @return field (relative to the target) → problem, in the order found */
    static Map<String, String> check(Target target) {
        Map<String, String> problems = new LinkedHashMap<>();
        Target.Monitor monitor = target.monitor();
        if (monitor != null) {
            positive(problems, "monitor.interval", monitor.interval());
            positive(problems, "monitor.probeTimeout", monitor.probeTimeout());
            atLeastOne(problems, "monitor.failAfter", monitor.failAfter());
            atLeastOne(problems, "monitor.recoverAfter", monitor.recoverAfter());
        }
        for (int i = 0; i < target.oncall().size(); i++) {
            String id = target.oncall().get(i);
            if (id == null || !id.matches("[USW][A-Z0-9]{2,}")) {
                problems.put("oncall[" + i + "]", "'" + id + "' is not a Slack user id (U…/W…) or user group id"
                        + " (S…); copy it from the profile or the group's page");
            }
        }
        Target.Remediate remediate = target.remediate();
        if (remediate != null) {
            if (remediate.restart() != null && !Set.of("once", "never").contains(remediate.restart())) {
                problems.put("remediate.restart", "expected once or never, not '" + remediate.restart() + "'");
            }
            for (String signal : remediate.scaleToZeroOn()) {
                if (!SCALE_TO_ZERO_SIGNALS.contains(signal)) {
                    problems.put("remediate.scaleToZeroOn", "unknown signal '" + signal
                            + "'; expected init-loop or credit-burn");
                }
            }
        }
        if (target.runpod() != null) {
            positive(problems, "runpod.stuckAfter", target.runpod().stuckAfter());
            positive(problems, "runpod.burnAfter", target.runpod().burnAfter());
        }
        return problems;
    }

    private static void positive(Map<String, String> problems, String field, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            problems.put(field, "must be longer than 0s");
        }
    }

    private static void atLeastOne(Map<String, String> problems, String field, Integer value) {
        if (value != null && value < 1) {
            problems.put(field, "must be at least 1");
        }
    }
}
