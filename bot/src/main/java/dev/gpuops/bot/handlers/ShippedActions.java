package dev.gpuops.bot.handlers;

import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.aws.AwsActions;
import dev.gpuops.runbook.action.lambda.LambdaLaunch;
import dev.gpuops.runbook.action.lambda.LambdaTerminate;
import dev.gpuops.runbook.action.lambda.LambdaWaitActive;
import dev.gpuops.runbook.action.registry.RegistryActions;
import dev.gpuops.runbook.action.runpod.RunPodHealth;
import dev.gpuops.runbook.action.runpod.RunPodPing;
import dev.gpuops.runbook.action.runpod.RunPodPurgeQueue;
import dev.gpuops.runbook.action.runpod.RunPodScale;
import dev.gpuops.runbook.action.runpod.RunPodSetImage;
import dev.gpuops.runbook.action.runpod.RunPodWaitReady;
import dev.gpuops.runbook.action.ssh.DockerLogin;
import dev.gpuops.runbook.action.ssh.DockerLogs;
import dev.gpuops.runbook.action.ssh.DockerRun;
import dev.gpuops.runbook.action.ssh.SshExec;
import dev.gpuops.runbook.action.ssh.SshSupervisorctl;
import dev.gpuops.runbook.action.ssh.SshWait;
import dev.gpuops.runbook.action.vast.VastInstanceStatus;
import dev.gpuops.runbook.action.vast.VastReboot;
import dev.gpuops.runbook.action.vast.VastResolveSsh;
import java.util.ArrayList;
import java.util.List;

/** Provider and SSH actions; {@code log.note} and {@code http.health} come with the handlers configuration. */
final class ShippedActions {

    private ShippedActions() {
    }

    static List<Action<?>> providerActions() {
        List<Action<?>> actions = new ArrayList<>(List.of(
                new SshWait(), new SshExec(), new SshSupervisorctl(), new DockerLogin(), new DockerRun(),
                new DockerLogs(),
                new RunPodHealth(), new RunPodPing(), new RunPodPurgeQueue(), new RunPodScale(), new RunPodSetImage(),
                new RunPodWaitReady(),
                new LambdaLaunch(), new LambdaWaitActive(), new LambdaTerminate(),
                new VastInstanceStatus(), new VastReboot(), new VastResolveSsh()));
        actions.addAll(AwsActions.all());
        actions.addAll(RegistryActions.all());
        return actions;
    }
}
