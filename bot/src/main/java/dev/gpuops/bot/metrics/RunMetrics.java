package dev.gpuops.bot.metrics;

import dev.gpuops.bot.targets.TargetDirectory;
import dev.gpuops.bot.targets.TargetInfo;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepFailed;
import dev.gpuops.event.StepPlan;
import dev.gpuops.event.StepSucceeded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Run and step metrics from the run log: {@code gpuops_runs_total{runbook,provider,outcome}},
 * {@code gpuops_run_duration_seconds{runbook,provider,outcome}} and
 * {@code gpuops_step_duration_seconds{action,outcome}}. {@code RunFinished} and the step events carry no runbook or
 * action, so the run's plan is remembered from {@code RunStarted} (a bounded number of runs). Labels are runbook
 * names, provider kinds and action keys: closed sets defined by the shipped and mounted files, never run ids.
 */
public final class RunMetrics {

    static final String UNKNOWN = "unknown";
    private static final int REMEMBERED_RUNS = 10_000;

    private final MeterRegistry registry;
    private final TargetDirectory targets;
    private final Map<String, Plan> plans = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Plan> eldest) {
            return size() > REMEMBERED_RUNS;
        }
    };

    public RunMetrics(MeterRegistry registry, TargetDirectory targets) {
        this.registry = registry;
        this.targets = targets;
    }

    public synchronized void accept(RunEvent event) {
        switch (event) {
            case RunStarted started -> plans.put(started.runId(), plan(started));
            case StepSucceeded step -> stepFinished(step.runId(), step.stepId(), "succeeded", step.duration());
            case StepFailed step when !step.willRetry() ->
                    stepFinished(step.runId(), step.stepId(), "failed", step.duration());
            case RunFinished finished -> runFinished(finished);
            default -> { }
        }
    }

    private Plan plan(RunStarted started) {
        String provider = targets.find(started.target()).map(TargetInfo::provider).orElse(UNKNOWN);
        Map<String, String> actions = started.steps().stream()
                .collect(Collectors.toMap(StepPlan::id, StepPlan::action, (a, b) -> a));
        return new Plan(started.runbook() == null ? UNKNOWN : started.runbook(), provider, actions);
    }

    private void stepFinished(String runId, String stepId, String outcome, Duration duration) {
        Plan plan = plans.get(runId);
        String action = plan == null ? UNKNOWN : plan.actions().getOrDefault(stepId, UNKNOWN);
        Timer.builder("gpuops.step.duration")
                .description("Runbook step durations, by action and outcome")
                .tag("action", action)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(duration == null ? Duration.ZERO : duration);
    }

    private void runFinished(RunFinished finished) {
        Plan plan = plans.remove(finished.runId());
        String runbook = plan == null ? UNKNOWN : plan.runbook();
        String provider = plan == null ? UNKNOWN : plan.provider();
        String outcome = finished.outcome().name().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("gpuops.runs")
                .description("Finished runs, by runbook, provider and outcome")
                .tags("runbook", runbook, "provider", provider, "outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder("gpuops.run.duration")
                .description("Run durations, from start to finish")
                .tags("runbook", runbook, "provider", provider, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(finished.duration() == null ? Duration.ZERO : finished.duration());
    }

    private record Plan(String runbook, String provider, Map<String, String> actions) {
    }
}
