package dev.gpuops.runbook.action;

import dev.gpuops.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What an action may use while it runs. Implemented by the engine; actions never see Kafka or Slack. */
public interface StepContext {

    String runId();

    String stepId();

    Target target();

    /** 1 for the first try, 2 after one retry… */
    int attempt();

    Clock clock();

    /** When this step's timeout expires; long waits must stop by then. */
    Instant deadline();

    /** Publishes a progress line into the run's thread ("attempt 3/20: timeout"). Rate-limited by the notifier. */
    void progress(String message);

    /** Records evidence for diagnosis. Text is redacted before it is kept. */
    void evidence(Evidence.Kind kind, String source, String text);

    /** True once the run was cancelled; long actions check it between waits. */
    boolean cancelled();

    /** Sleeps, returning early (false) when the run is cancelled or the deadline passes. */
    boolean pause(Duration duration) throws InterruptedException;

    /** Looks up provider clients and other shared services the composition root registered. */
    <T> T service(Class<T> type);
}
