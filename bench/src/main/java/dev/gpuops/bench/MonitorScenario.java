package dev.gpuops.bench;

import java.util.List;

/**
 * {@code monitor}: 2,000 simulated targets at a 10 s interval, CPU % of one core and missed intervals. This build
 * has no health monitor (issue 7 adds it), so the scenario says so instead of inventing numbers.
 */
final class MonitorScenario implements Scenario {

    @Override
    public String name() {
        return "monitor";
    }

    @Override
    public String description() {
        return "2,000 targets at 10 s: CPU % of one core, missed intervals (needs the health monitor)";
    }

    @Override
    public List<Result> run(BenchContext context) {
        return List.of(Result.notAvailable(name(), "2000 targets @10s", "no monitor in this build"));
    }
}
