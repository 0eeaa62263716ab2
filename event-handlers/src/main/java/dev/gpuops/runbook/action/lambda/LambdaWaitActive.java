package dev.gpuops.runbook.action.lambda;

import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.lambda.LambdaInstance;
import dev.gpuops.provider.lambda.LambdaInstanceStatus;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.Wait;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Waits until Lambda reports the instance active <em>and</em> gives it an IP (an active VM without an address is
 * not reachable yet), posting "booting (45s)" lines meanwhile. Fails at once on states Lambda will not leave.
 */
@RunbookAction(key = "lambda.wait_active", idempotent = true, destructive = false,
        description = "Wait until the Lambda VM is active and has an IP")
public final class LambdaWaitActive implements Action<LambdaWaitActive.Params> {

    static final Duration DEFAULT_POLL = Duration.ofSeconds(10);

    public record Params(
            @Param("Instance id, e.g. ${steps.launch.instanceId}; defaults to the live instance named lambda.name")
            String instanceId,
            @Param(value = "How often to ask Lambda", defaultValue = "PT10S")
            Duration pollInterval) {

        public Params {
            pollInterval = Wait.interval("pollInterval", pollInterval, DEFAULT_POLL);
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) throws InterruptedException {
        LambdaCloudClient client = ctx.lambda();
        String id = params.instanceId() != null && !params.instanceId().isBlank()
                ? params.instanceId().strip() : findByName(ctx, client);
        Wait.Result<LambdaInstance> wait = Wait.on(ctx).every(params.pollInterval()).until(poll -> {
            LambdaInstance instance = read(ctx, client, id);
            if (instance == null) {
                return Wait.pending(null, null);
            }
            if (instance.reachable()) {
                return Wait.done(instance);
            }
            failIfFinal(ctx, instance);
            return Wait.pending(instance.status() == LambdaInstanceStatus.ACTIVE ? "active, waiting for an IP"
                    : instance.statusText(), instance);
        });
        if (wait.done()) {
            return active(wait.value(), wait.took());
        }
        throw stopped(ctx, id, wait.lastSeen(), wait.took());
    }

    private static String findByName(StepContext ctx, LambdaCloudClient client) {
        String name = LambdaSpec.name(ctx.target(), null);
        return client.listInstances().stream()
                .filter(i -> name.equals(i.name()) && !i.status().gone())
                .findFirst()
                .map(LambdaInstance::id)
                .orElseThrow(() -> StepFailure.permanent("no live Lambda instance is named " + name
                        + "; run lambda.launch first (or pass instanceId:)"));
    }

    /** A failed read is not a failed boot: keep polling, the client already retried what it could. */
    private static LambdaInstance read(StepContext ctx, LambdaCloudClient client, String id) {
        try {
            return client.getInstance(id);
        } catch (ProviderException.NotFound e) {
            throw StepFailure.permanent("Lambda no longer knows instance " + LambdaLaunch.shortId(id)
                    + " (terminated and removed?); launch a new one with lambda.launch");
        } catch (ProviderException e) {
            if (!e.retryable()) {
                throw new StepFailure(e.getMessage(), false, e);
            }
            ctx.progress("could not read instance status (" + e.getMessage() + "); still waiting");
            return null;
        }
    }

    private static void failIfFinal(StepContext ctx, LambdaInstance instance) {
        String why = switch (instance.status()) {
            case UNHEALTHY -> "is unhealthy: the VM failed Lambda's health checks. Restart it from the Lambda"
                    + " console or relaunch with lambda.launch --force";
            case PREEMPTED -> "was preempted: Lambda reclaimed the capacity. Launch a new one with lambda.launch";
            case TERMINATING, TERMINATED -> "was terminated while booting (by someone, or another run). Launch a"
                    + " new one with lambda.launch";
            default -> null;
        };
        if (why != null) {
            ctx.evidence(Evidence.Kind.PROVIDER_STATE, "lambda instance " + instance.id(),
                    "status=" + instance.statusText() + " region=" + instance.region());
            throw StepFailure.permanent("instance " + instance.describe() + " " + why);
        }
    }

    private static StepResult active(LambdaInstance instance, String took) {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("ip", instance.ip());
        outputs.put("instanceId", instance.id());
        if (instance.privateIp() != null) {
            outputs.put("privateIp", instance.privateIp());
        }
        if (instance.hostname() != null) {
            outputs.put("hostname", instance.hostname());
        }
        return new StepResult("active at " + instance.ip() + " after " + took, outputs);
    }

    private static StepFailure stopped(StepContext ctx, String id, LambdaInstance last, String took) {
        if (ctx.cancelled()) {
            return StepFailure.permanent("cancelled while waiting for instance " + LambdaLaunch.shortId(id));
        }
        String state = last == null ? "status unknown" : last.statusText();
        return StepFailure.retryable("instance " + LambdaLaunch.shortId(id) + " is still " + state + " after "
                + took + "; Lambda VMs usually boot in 3–10 minutes. Rerun the step to keep waiting,"
                + " or check the instance in the Lambda console");
    }
}
