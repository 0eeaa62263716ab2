package dev.gpuops.runbook.action.lambda;

import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.lambda.LambdaInstance;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import java.util.List;
import java.util.stream.Collectors;

/** Terminates the target's Lambda VM (by id, or every not-yet-terminated instance with the target's name). */
@RunbookAction(key = "lambda.terminate", idempotent = false, destructive = true,
        description = "Terminate the target's Lambda VM (stops billing, deletes its disk)")
public final class LambdaTerminate implements Action<LambdaTerminate.Params> {

    public record Params(
            @Param("Instance id; defaults to every instance named lambda.name that is not already terminated")
            String instanceId) {
    }

    /** "terminate 0920582c… (1× A100 (80 GB SXM4), $1.29/h)" for each live instance the step would end. */
    @Override
    public java.util.Optional<String> blastRadius(StepContext ctx, Params params) {
        LambdaCloudClient client = ctx.lambda();
        java.util.Map<String, dev.gpuops.provider.lambda.LambdaInstanceType> types = client.instanceTypes();
        List<LambdaInstance> doomed;
        if (params.instanceId() != null && !params.instanceId().isBlank()) {
            doomed = List.of(client.getInstance(params.instanceId().strip()));
        } else {
            String name = LambdaSpec.name(ctx.target(), null);
            doomed = client.listInstances().stream().filter(i -> name.equals(i.name()) && !i.status().gone())
                    .toList();
        }
        if (doomed.isEmpty()) {
            return java.util.Optional.of("terminate: no live instance to terminate");
        }
        return java.util.Optional.of(doomed.stream().map(i -> "terminate " + LambdaLaunch.shortId(i.id()) + " ("
                + describeType(types.get(i.instanceType()), i.instanceType()) + ")")
                .collect(Collectors.joining(", ")));
    }

    private static String describeType(dev.gpuops.provider.lambda.LambdaInstanceType type, String name) {
        if (type == null) {
            return String.valueOf(name);
        }
        return type.specs().gpus() + "× " + type.gpuDescription() + ", $"
                + String.format(java.util.Locale.ROOT, "%.2f", type.priceCentsPerHour() / 100.0) + "/h";
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        LambdaCloudClient client = ctx.lambda();
        List<String> ids;
        String what;
        if (params.instanceId() != null && !params.instanceId().isBlank()) {
            ids = List.of(params.instanceId().strip());
            what = LambdaLaunch.shortId(ids.getFirst());
        } else {
            String name = LambdaSpec.name(ctx.target(), null);
            List<LambdaInstance> named = client.listInstances().stream()
                    .filter(i -> name.equals(i.name()) && !i.status().gone())
                    .toList();
            if (named.isEmpty()) {
                return StepResult.of("nothing to terminate: no live Lambda instance is named " + name);
            }
            ids = named.stream().map(LambdaInstance::id).toList();
            what = named.stream().map(LambdaInstance::describe).collect(Collectors.joining(", "));
        }
        try {
            client.terminate(ids);
        } catch (ProviderException.NotFound e) {
            throw StepFailure.permanent("Lambda does not know instance " + what + "; check the id in the Lambda"
                    + " console (it may already be gone)");
        } catch (ProviderException e) {
            throw new StepFailure("terminating " + what + " failed: " + e.getMessage(), e.retryable(), e);
        }
        ctx.progress("terminating " + what);
        return StepResult.of("terminating " + what, "terminated", String.join(",", ids));
    }
}
