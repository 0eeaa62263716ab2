package dev.gpuops.bench;

import java.util.List;

/**
 * {@code monitor}: 2,000 simulated targets at a 10 s interval, CPU % of one core and missed intervals. The health
 * monitor exists (dev.gpuops.monitor), but this scenario has not been written yet (it needs 2,000 simulated targets
 * and a way to count missed intervals), so it says so instead of inventing numbers.
 */
final class MonitorScenario implements Scenario {

    @Override
    public String name() {
        return "monitor";
    }

    @Override
    public String description() {
        return "2,000 targets at 10 s: CPU % of one core, missed intervals (not written yet)";
    }

    @Override
    public List<Result> run(BenchContext context) {
        return List.of(Result.notAvailable(name(), "2000 targets @10s", "scenario not written yet (the monitor exists; 2,000 simulated targets do not)"));
    }
}
