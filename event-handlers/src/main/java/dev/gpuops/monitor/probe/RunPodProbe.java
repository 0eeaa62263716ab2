package dev.gpuops.monitor.probe;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code runpod-health}: the endpoint's {@code /health}, read into seed 003's signals by {@link RunPodSignals}; a
 * 404 is a dead endpoint. Any other API failure is unknown.
 */
public final class RunPodProbe implements Probe {

    private final RunPodClient runpod;
    private final Clock clock;
    private final Map<String, RunPodSignals> signals = new ConcurrentHashMap<>();

    public RunPodProbe(RunPodClient runpod, Clock clock) {
        this.runpod = runpod;
        this.clock = clock;
    }

    @Override
    public String key() {
        return "runpod-health";
    }

    @Override
    public List<CheckResult> run(CheckDefinition check, Target target) {
        if (runpod == null || target.runpod() == null) {
            return List.of(CheckResult.unknown(check.id(), "the RunPod client (RUNPOD_API_KEY) or"
                    + " runpod.endpointId is not configured"));
        }
        Target.Runpod config = target.runpod();
        try {
            var health = runpod.health(config.endpointId());
            return signals.computeIfAbsent(target.name(), n -> new RunPodSignals()).read(check.id(), health,
                    clock.instant(), Duration.ofSeconds(config.initTimeoutOrDefault()), config.stuckAfterOrDefault(),
                    config.burnAfterOrDefault());
        } catch (ProviderException.NotFound e) {
            signals.remove(target.name());
            return List.of(CheckResult.failing(check.id() + "/" + RunPodSignals.DEAD_ENDPOINT, "endpoint "
                    + config.endpointId() + " answers 404: it was deleted or the id is wrong"));
        } catch (ProviderException e) {
            return List.of(CheckResult.unknown(check.id(), "RunPod API unreachable ("
                    + Redactor.redact(e.getMessage()) + ")"));
        }
    }
}
