package dev.gpuops.runbook.engine;

import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.registry.RegistryClient;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.runbook.action.MonitorView;
import dev.gpuops.runbook.action.SecretSource;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepContext;

/**
 * The typed client accessors of every {@link StepContext}, read from the composition root's {@link Services}: the
 * engine's context and the action tests' context differ in run state and time, never in how a client is found. A new
 * client is one accessor on {@link StepContext} and one line here.
 */
public abstract class ServicesStepContext implements StepContext {

    private final Services services;

    protected ServicesStepContext(Services services) {
        this.services = services;
    }

    @Override
    public final RunPodClient runpod() {
        return services.get(RunPodClient.class);
    }

    @Override
    public final LambdaCloudClient lambda() {
        return services.get(LambdaCloudClient.class);
    }

    @Override
    public final VastClient vast() {
        return services.get(VastClient.class);
    }

    @Override
    public final AwsFleetClient aws() {
        return services.get(AwsFleetClient.class);
    }

    @Override
    public final SshConnector ssh() {
        return services.get(SshConnector.class);
    }

    @Override
    public final RegistryClient registry() {
        return services.get(RegistryClient.class);
    }

    @Override
    public final SecretSource secrets() {
        return services.get(SecretSource.class);
    }

    @Override
    public final MonitorView monitorView() {
        return services.get(MonitorView.class);
    }
}
