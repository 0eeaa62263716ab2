package dev.gpuops.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured case of a scenario (e.g. ack / help at 16 connections).
 *
 * @param metrics   the numbers of the table, in print order (ms for latencies)
 * @param goals     the targets for this case and whether this run met them
 * @param curve     percentile → ms, for the percentile plot; empty when the case has no latency distribution
 * @param histogram bucket upper bound (ms) → count
 * @param loadAvg   /proc/loadavg before and after the case: other work on the box shows up here
 */
public record Result(String scenario, String name, Map<String, Object> metrics, List<Goal> goals,
                     Map<String, Double> curve, Map<String, Long> histogram, String loadAvg, String note) {

    public Result {
        metrics = new LinkedHashMap<>(metrics);
        goals = List.copyOf(goals);
        curve = new LinkedHashMap<>(curve);
        histogram = new LinkedHashMap<>(histogram);
    }

    /** A case that could not be measured in this build or on this machine, and why. */
    public static Result notAvailable(String scenario, String name, String why) {
        return new Result(scenario, name, Map.of(), List.of(), Map.of(), Map.of(), LoadAverage.read(),
                "not available: " + why);
    }

    public boolean available() {
        return note == null || !note.startsWith("not available");
    }

    /** One target from the issue, e.g. "p99 ≤ 15 ms", with the measured value. */
    public record Goal(String what, String measured, boolean met) {
    }
}
