package dev.gpuops.bot.metrics;

import dev.gpuops.event.CheckResult;
import dev.gpuops.monitor.MonitorRuntime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Set;

/**
 * The health monitor's metrics: {@code gpuops_health_probes_total{provider,result}} (each probe of a target this
 * replica owns; result ok, failing or unknown) and {@code gpuops_incidents_open} (open incidents in this replica's
 * incident book, which every replica rebuilds from the compacted topic). Labels are closed sets: the provider from
 * the targets file's provider list, never a target name or an incident id.
 */
public final class MonitorMetrics {

    private static final Set<String> PROVIDERS = Set.of("ssh", "lambda", "vast", "runpod", "aws-asg");

    private final MeterRegistry registry;

    /** @param runtime the monitor, or null in a context without one (nothing is registered then) */
    public MonitorMetrics(MeterRegistry registry, MonitorRuntime runtime) {
        this.registry = registry;
        if (runtime == null) {
            return;
        }
        Gauge.builder("gpuops.incidents.open", runtime, r -> r.monitor().incidents().open().size())
                .description("Incidents open now (acknowledged ones included)")
                .register(registry);
        runtime.monitor().onProbe(this::probed);
    }

    void probed(String provider, CheckResult.Status verdict) {
        Counter.builder("gpuops.health.probes")
                .description("Health probes of the targets this replica owns, by provider and verdict")
                .tag("provider", PROVIDERS.contains(provider) ? provider : "other")
                .tag("result", verdict.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }
}
