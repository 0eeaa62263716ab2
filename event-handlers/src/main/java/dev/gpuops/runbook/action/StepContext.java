package dev.gpuops.runbook.action;

import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.registry.RegistryClient;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What an action may use while it runs. Implemented by the engine; actions never see Kafka or Slack.
 *
 * <p>The provider clients are typed accessors, so what an action depends on reads in its code. One that this
 * deployment has not configured fails the step with "X is not configured in this gpuops deployment; set its
 * environment variables (see README)".
 */
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

    /** The RunPod API client. */
    RunPodClient runpod();

    /** The Lambda Cloud API client. */
    LambdaCloudClient lambda();

    /** The Vast.ai API client. */
    VastClient vast();

    /** The AWS fleet client (Auto Scaling, SSM, EC2) in its default region; switch with {@code inRegion}. */
    AwsFleetClient aws();

    /** Opens SSH sessions to hosts. */
    SshConnector ssh();

    /** The container registry client. */
    RegistryClient registry();

    /** Where secrets the runbooks name are read from. */
    SecretSource secrets();

    /** The health monitor's view of targets, where this process runs the monitor. */
    MonitorView monitorView();
}
