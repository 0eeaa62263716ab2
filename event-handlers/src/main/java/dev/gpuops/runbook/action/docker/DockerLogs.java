package dev.gpuops.runbook.action.docker;

import dev.gpuops.provider.ssh.CommandArgs;
import dev.gpuops.provider.ssh.ContainerState;
import dev.gpuops.provider.ssh.DockerHost;
import dev.gpuops.provider.ssh.ExecResult;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.ssh.SshAddress;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.ssh.SshTargets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a container's recent output and state for diagnosis (HF 401 tracebacks, CUDA errors). */
@RunbookAction(key = "docker.logs", idempotent = true, destructive = false,
        description = "Read the container's recent logs and state")
public final class DockerLogs implements Action<DockerLogs.Params> {

    public record Params(
            @Param.Flatten SshAddress ssh,
            @Param(value = "Container name", defaultValue = "container.name of the target")
            String name,
            @Param(value = "How many lines (docker logs --tail)", defaultValue = "200")
            Integer lines) {

        public Params {
            lines = lines == null ? 200 : CommandArgs.tailLines(lines);
            if (name != null) {
                CommandArgs.containerName(name);
            }
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        String name = DockerRun.containerName(ctx, params.name());
        DockerHost docker = new DockerHost(SshTargets.session(ctx, params.ssh()));
        try {
            ContainerState state = docker.inspect(name).orElseThrow(() -> StepFailure.permanent("no container named "
                    + name + " on the host; it was never started or was removed (run docker.run)"));
            ExecResult logs = docker.logs(name, params.lines());
            ctx.evidence(Evidence.Kind.CONTAINER_LOGS, "docker logs --tail " + params.lines() + " " + name,
                    logs.combinedOutput());
            ctx.evidence(Evidence.Kind.PROVIDER_STATE, "docker inspect " + name, state.summary());
            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("state", state.status());
            outputs.put("exitCode", String.valueOf(state.exitCode()));
            return new StepResult(name + " is " + state.summary() + "; " + logs.combinedOutput().lines().count()
                    + " log lines recorded", outputs);
        } catch (ProviderException e) {
            throw SshTargets.failure(e);
        }
    }
}
