package dev.gpuops.runbook;

import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.aws.AwsActions;
import dev.gpuops.runbook.action.core.HttpHealthAction;
import dev.gpuops.runbook.action.core.LogNoteAction;
import dev.gpuops.runbook.action.core.MonitorViewAction;
import dev.gpuops.runbook.action.lambda.LambdaLaunch;
import dev.gpuops.runbook.action.lambda.LambdaTerminate;
import dev.gpuops.runbook.action.lambda.LambdaWaitActive;
import dev.gpuops.runbook.action.diagnose.DiagnoseVerdict;
import dev.gpuops.runbook.action.runtime.ModelPaths;
import dev.gpuops.runbook.action.runtime.OutputCheck;
import dev.gpuops.runbook.action.runtime.PreflightSecrets;
import dev.gpuops.runbook.action.runtime.QueuePollers;
import dev.gpuops.runbook.action.runtime.RuntimeLogs;
import dev.gpuops.runbook.action.runtime.RunningImage;
import dev.gpuops.runbook.action.runpod.RunPodColdStart;
import dev.gpuops.runbook.action.runtime.RuntimeRestart;
import dev.gpuops.runbook.action.runtime.TemporalPollers;
import dev.gpuops.runbook.action.registry.RegistryActions;
import dev.gpuops.runbook.action.runpod.RunPodHealth;
import dev.gpuops.runbook.action.runpod.RunPodPing;
import dev.gpuops.runbook.action.runpod.RunPodPurgeQueue;
import dev.gpuops.runbook.action.runpod.RunPodScale;
import dev.gpuops.runbook.action.runpod.RunPodSetImage;
import dev.gpuops.runbook.action.runpod.RunPodWaitReady;
import dev.gpuops.runbook.action.docker.DockerLogin;
import dev.gpuops.runbook.action.docker.DockerLogs;
import dev.gpuops.runbook.action.docker.DockerRun;
import dev.gpuops.runbook.action.ssh.SshExec;
import dev.gpuops.runbook.action.ssh.SshSupervisorctl;
import dev.gpuops.runbook.action.ssh.SshWait;
import dev.gpuops.runbook.action.vast.VastInstanceStatus;
import dev.gpuops.runbook.action.vast.VastReboot;
import dev.gpuops.runbook.action.vast.VastResolveSsh;
import java.util.ArrayList;
import java.util.List;

/**
 * Every action gpuops ships, in one list: what the bot registers and what the actions reference in
 * docs/runbooks.md is generated from. Actions are stateless; the clients they use come from
 * {@link dev.gpuops.runbook.action.Services} at run time, so one instance of each serves every run.
 */
public final class BuiltInActions {

    private BuiltInActions() {
    }

    /** A fresh instance of every shipped action, grouped by provider. */
    public static List<Action<?>> all() {
        List<Action<?>> actions = new ArrayList<>();
        actions.addAll(List.of(new LogNoteAction(), new HttpHealthAction(), new MonitorViewAction()));
        actions.addAll(List.of(new PreflightSecrets(), new OutputCheck(), new DiagnoseVerdict()));
        actions.addAll(List.of(new SshWait(), new SshExec(), new SshSupervisorctl(), new DockerLogin(),
                new DockerRun(), new DockerLogs()));
        actions.addAll(List.of(new RuntimeRestart(), new RuntimeLogs(), new ModelPaths(), new QueuePollers(),
                new TemporalPollers(), new RunningImage()));
        actions.addAll(List.of(new LambdaLaunch(), new LambdaWaitActive(), new LambdaTerminate()));
        actions.addAll(List.of(new RunPodSetImage(), new RunPodWaitReady(), new RunPodPing(), new RunPodHealth(),
                new RunPodPurgeQueue(), new RunPodScale(), new RunPodColdStart()));
        actions.addAll(List.of(new VastResolveSsh(), new VastInstanceStatus(), new VastReboot()));
        actions.addAll(AwsActions.all());
        actions.addAll(RegistryActions.all());
        return List.copyOf(actions);
    }

    /** The registry of {@link #all()}. */
    public static ActionRegistry registry() {
        return new ActionRegistry(all());
    }
}
