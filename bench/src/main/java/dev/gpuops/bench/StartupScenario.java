package dev.gpuops.bench;

import java.util.List;
import java.util.Map;

/** {@code startup}: launch of {@code java -jar bot.jar} → {@code /actuator/health} UP, a few fresh launches. */
final class StartupScenario implements Scenario {

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String description() {
        return "launch → /actuator/health UP (server flags from jvm/server.options)";
    }

    @Override
    public List<Result> run(BenchContext context) {
        context.world();
        context.stopApp();
        String load = LoadAverage.read();
        Latencies launches = new Latencies();
        int runs = context.scaled(3, 1);
        for (int i = 0; i < runs; i++) {
            launches.add(Math.round(context.freshApp("startup-" + i).readyMillis() * 1000));
            context.stopApp();
        }
        double p50 = launches.percentileMillis(50);
        Map<String, Object> metrics = new java.util.LinkedHashMap<>(Map.of("launches", runs));
        metrics.put("p50", p50);
        metrics.put("min", launches.percentileMillis(0));
        metrics.put("max", launches.percentileMillis(100));
        return List.of(new Result(name(), "to READY", metrics,
                List.of(new Result.Goal("≤ 3 s on an idle box (see load average)", AckScenario.fmt(p50) + " ms",
                        p50 <= 3000)),
                Map.of(), launches.histogram(), LoadAverage.span(load),
                "Kafka runs in the bench process: the demo's in-process broker start (~1.5 s) is not included"));
    }
}
