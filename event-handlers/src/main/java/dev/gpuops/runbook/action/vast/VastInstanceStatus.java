package dev.gpuops.runbook.action.vast;

import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.provider.vast.VastInstance;
import dev.gpuops.provider.vast.VastSshEndpoint;
import dev.gpuops.provider.vast.VastStatus;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the Vast instance's state as evidence for diagnosis (actual vs intended status, Vast's status message) and
 * outputs its SSH endpoint. By default any state is reported, not failed: a status step is how a runbook looks.
 */
@RunbookAction(key = "vast.status", idempotent = true, destructive = false,
        description = "Read the Vast instance's status and SSH endpoint")
public final class VastInstanceStatus implements Action<VastInstanceStatus.Params> {

    public record Params(
            @Param("Vast instance id; defaults to vast.instanceId of the target")
            Long instanceId,
            @Param(value = "Fail the step unless the instance is running", defaultValue = "false")
            boolean expectRunning) {
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        VastClient client = ctx.vast();
        long id = VastInstances.instanceId(ctx.target(), params.instanceId());
        VastInstance instance = VastInstances.read(client, id);
        VastInstances.recordState(ctx, instance);
        if (params.expectRunning() && instance.actualStatus() != VastStatus.RUNNING) {
            throw VastInstances.notRunning(instance);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("actualStatus", instance.actualStatus().name().toLowerCase(java.util.Locale.ROOT));
        outputs.put("intendedStatus", instance.intendedStatus() == null ? "" : instance.intendedStatus());
        client.sshEndpoints(instance).stream().findFirst().ifPresent(ssh -> putSsh(outputs, ssh));
        return new StepResult("instance " + id + " " + instance.describeStatus(), outputs);
    }

    private static void putSsh(Map<String, String> outputs, VastSshEndpoint ssh) {
        outputs.put("sshHost", ssh.host());
        outputs.put("sshPort", String.valueOf(ssh.port()));
        outputs.put("sshRoute", ssh.route().key());
    }
}
