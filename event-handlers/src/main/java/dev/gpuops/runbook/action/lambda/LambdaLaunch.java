package dev.gpuops.runbook.action.lambda;

import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.lambda.LambdaInstance;
import dev.gpuops.provider.lambda.LambdaInstanceType;
import dev.gpuops.provider.lambda.LaunchRequest;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Launches the target's Lambda VM, reconciling against what Lambda actually runs (seed 000's "poisoned preset":
 * a half-finished deploy left a VM behind and the tool refused to go on). A live instance with the target's name is
 * reused and the summary says so; {@code force} terminates it and launches a fresh one. Capacity is checked before
 * anything is terminated or launched, so a sold-out region costs nothing.
 *
 * <p>Idempotent: Rerunning after a crash finds the instance the first run launched by name and reuses it.
 * Destructive: Conservative for callers that cannot see the parameters; see {@link #destructive(Params)}.
 */
@RunbookAction(key = "lambda.launch", idempotent = true, destructive = true,
        description = "Launch the target's Lambda VM, or reuse the live one with its name (force replaces it)")
public final class LambdaLaunch implements Action<LambdaLaunch.Params> {

    public record Params(
            @Param("Terminate a live instance with this name and launch a fresh one (--force)")
            boolean force,
            @Param("Instance name gpuops finds it by; defaults to lambda.name of the target")
            String name,
            @Param("Instance type, e.g. gpu_1x_a10; defaults to lambda.instanceType")
            String instanceType,
            @Param("Region, e.g. us-east-1; defaults to lambda.region")
            String region,
            @Param("Name of an SSH key registered with Lambda; defaults to lambda.sshKeyName")
            String sshKeyName) {
    }

    @Override
    public boolean destructive(Params params) {
        return params.force();
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        LambdaCloudClient client = ctx.lambda();
        LambdaSpec spec = LambdaSpec.resolve(ctx.target(), params.name(), params.instanceType(), params.region(),
                params.sshKeyName());
        List<LambdaInstance> existing = client.listInstances().stream()
                .filter(i -> spec.name().equals(i.name()) && !i.status().gone())
                .toList();
        if (!existing.isEmpty()) {
            ctx.evidence(Evidence.Kind.PROVIDER_STATE, "lambda instances named " + spec.name(),
                    existing.stream().map(LambdaInstance::describe).collect(Collectors.joining("; ")));
            if (!params.force()) {
                return reuse(ctx, spec, existing);
            }
        }
        LambdaInstanceType type = requireCapacity(ctx, client, spec);
        String replaced = existing.isEmpty() ? "" : replace(ctx, client, existing);
        String id = launch(client, spec);
        ctx.progress("launched " + shortId(id) + "; Lambda VMs usually take 3–10 minutes to boot");
        StepResult launched = result("launched " + shortId(id) + " (" + spec.instanceType() + " in "
                + spec.region() + ") as " + spec.name() + replaced, id, spec, "booting", false, null);
        Map<String, String> outputs = new LinkedHashMap<>(launched.outputs());
        outputs.put("leftover", leftover(ctx, id, type));
        return new StepResult(launched.summary(), outputs);
    }

    /** What stays billed if the run stops after this step: the engine reports it on cancel and failure. */
    private static String leftover(StepContext ctx, String id, LambdaInstanceType type) {
        String price = type.priceCentsPerHour() > 0
                ? String.format(java.util.Locale.ROOT, ", $%.2f/h", type.priceCentsPerHour() / 100.0) : "";
        return "VM " + shortId(id).replace("…", "") + " (" + type.name() + price + ") was launched and is still"
                + " running; `/gpu status " + ctx.target().name() + "`";
    }

    private StepResult reuse(StepContext ctx, LambdaSpec spec, List<LambdaInstance> existing) {
        List<LambdaInstance> live = existing.stream().filter(i -> i.status().live()).toList();
        if (live.isEmpty()) {
            LambdaInstance stuck = existing.getFirst();
            throw StepFailure.permanent("instance " + stuck.describe() + " named " + spec.name()
                    + " exists but is not usable, and Lambda will not repair it; rerun with --force to terminate it"
                    + " and launch a fresh one");
        }
        LambdaInstance chosen = live.getFirst();
        String extras = live.size() == 1 ? "" : "; " + (live.size() - 1) + " more live instance(s) share this name ("
                + live.subList(1, live.size()).stream().map(LambdaInstance::describe)
                .collect(Collectors.joining(", ")) + ") and are billing: terminate the extras";
        ctx.progress("instance " + chosen.describe() + " named " + spec.name() + " is already running; reusing it");
        return result("reusing instance " + chosen.describe() + " — pass --force to replace" + extras,
                chosen.id(), spec, chosen.statusText(), true, chosen.ip());
    }

    private LambdaInstanceType requireCapacity(StepContext ctx, LambdaCloudClient client, LambdaSpec spec) {
        Map<String, LambdaInstanceType> types = client.instanceTypes();
        LambdaInstanceType type = types.get(spec.instanceType());
        if (type == null) {
            throw StepFailure.permanent("Lambda does not offer instance type " + spec.instanceType()
                    + "; offered: " + String.join(", ", types.keySet()) + ". Fix lambda.instanceType");
        }
        ctx.evidence(Evidence.Kind.PROVIDER_STATE, "lambda capacity for " + type.name(),
                "regions with capacity: " + (type.regionNames().isEmpty() ? "none" : String.join(", ",
                        type.regionNames())));
        if (!type.hasCapacityIn(spec.region())) {
            throw new StepFailure("lambda-capacity: no " + type.name() + " capacity in " + spec.region()
                    + " right now; " + elsewhere(types, type) + ". Nothing was launched or terminated", true);
        }
        return type;
    }

    private static String elsewhere(Map<String, LambdaInstanceType> types, LambdaInstanceType wanted) {
        if (!wanted.regionsWithCapacity().isEmpty()) {
            return "regions with " + wanted.name() + " capacity: " + wanted.regionsWithCapacity().stream()
                    .map(r -> r.name() + (r.description() == null ? "" : " (" + r.description() + ")"))
                    .collect(Collectors.joining(", ")) + " — set lambda.region to one of them or retry later";
        }
        String others = types.values().stream().filter(t -> !t.regionsWithCapacity().isEmpty())
                .map(t -> t.name() + " in " + String.join("/", t.regionNames()))
                .collect(Collectors.joining(", "));
        return "no region has " + wanted.name() + " capacity; " + (others.isEmpty()
                ? "no type has capacity anywhere, retry later"
                : "types with capacity: " + others + " — change lambda.instanceType or retry later");
    }

    private String replace(StepContext ctx, LambdaCloudClient client, List<LambdaInstance> existing) {
        List<String> ids = existing.stream().map(LambdaInstance::id).toList();
        client.terminate(ids);
        String replaced = existing.stream().map(LambdaInstance::describe).collect(Collectors.joining(", "));
        ctx.progress("--force: terminated " + replaced);
        return ", replacing " + replaced;
    }

    private String launch(LambdaCloudClient client, LambdaSpec spec) {
        LaunchRequest request = LaunchRequest.one(spec.region(), spec.instanceType(), spec.sshKeyName(),
                spec.name());
        try {
            return client.launch(request).getFirst();
        } catch (ProviderException.Capacity e) {
            boolean quota = e.getMessage().contains("quota");
            throw new StepFailure((quota ? "lambda-quota: " : "lambda-capacity: Lambda listed capacity but refused"
                    + " the launch (listed capacity is not reserved): ") + e.getMessage()
                    + (quota ? " — ask Lambda support to raise the quota" : " — retry in a few minutes or pick"
                    + " another region"), !quota, e);
        } catch (ProviderException.RateLimited e) {
            throw new StepFailure("Lambda allows one launch per 12 s: " + e.getMessage(), true, e);
        } catch (ProviderException.Transient e) {
            throw new StepFailure("the launch answer was lost (" + e.getMessage() + "); the VM may exist anyway — "
                    + "rerunning this step finds it by name and reuses it", true, e);
        } catch (ProviderException e) {
            throw new StepFailure(e.getMessage(), e.retryable(), e);
        }
    }

    private static StepResult result(String summary, String id, LambdaSpec spec, String status, boolean reused,
                                     String ip) {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("instanceId", id);
        outputs.put("name", spec.name());
        outputs.put("region", spec.region());
        outputs.put("instanceType", spec.instanceType());
        outputs.put("status", status);
        outputs.put("reused", String.valueOf(reused));
        if (ip != null) {
            outputs.put("ip", ip);
        }
        return new StepResult(summary, outputs);
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) + "…" : id;
    }
}
