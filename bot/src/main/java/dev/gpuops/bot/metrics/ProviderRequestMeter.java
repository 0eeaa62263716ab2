package dev.gpuops.bot.metrics;

import dev.gpuops.provider.support.RequestObservers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;

/**
 * {@code gpuops_provider_requests_total{provider,status}}: each HTTP exchange of the JSON provider clients (RunPod,
 * Lambda, Vast), retries included. Status is the HTTP code, or {@code none} when no response came.
 */
public final class ProviderRequestMeter implements RequestObservers.Observer, AutoCloseable {

    private static final Set<String> PROVIDERS = Set.of("runpod", "lambda", "vast", "aws", "registry");

    private final MeterRegistry registry;

    public ProviderRequestMeter(MeterRegistry registry) {
        this.registry = registry;
        RequestObservers.add(this);
    }

    @Override
    public void completed(String provider, int status) {
        Counter.builder("gpuops.provider.requests")
                .description("Provider API requests, by provider and HTTP status (none = no response)")
                .tag("provider", PROVIDERS.contains(provider) ? provider : "other")
                .tag("status", status >= 100 && status < 600 ? Integer.toString(status) : "none")
                .register(registry)
                .increment();
    }

    @Override
    public void close() {
        RequestObservers.remove(this);
    }
}
