package dev.gpuops.runbook.action.aws;

import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.aws.InstanceRefresh;
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
 * Rolls the fleet onto a new AMI (seed 004 step 10): starts an instance refresh with MinHealthyPercentage 90 and a
 * 300 s warm-up, then reports its progress into the thread until it ends. A Failed or Cancelled refresh fails the
 * step with AWS's StatusReason.
 *
 * <p>Not idempotent: A rerun starts a second refresh (or fails because one is running).
 */
@RunbookAction(key = "aws.asg.refresh", idempotent = false, destructive = true,
        description = "Start an instance refresh (90% healthy, 300s warm-up) and report its progress until it ends")
public final class AsgRefresh implements Action<AsgRefresh.Params> {

    public record Params(
            @Param(value = "Percentage of the group that must stay healthy", defaultValue = "90")
            Integer minHealthyPercentage,
            @Param(value = "Time a new instance needs before it counts as healthy", defaultValue = "300s")
            Duration instanceWarmup,
            @Param(value = "How often to check progress", defaultValue = "30s")
            Duration pollInterval,
            @Param.Flatten AsgAddress asg) {

        public Params {
            asg = AsgAddress.orTarget(asg);
            minHealthyPercentage = minHealthyPercentage == null ? AwsFleetClient.DEFAULT_MIN_HEALTHY_PERCENTAGE
                    : minHealthyPercentage;
            if (minHealthyPercentage < 0 || minHealthyPercentage > 100) {
                throw new IllegalArgumentException("aws.asg.refresh minHealthyPercentage must be 0–100");
            }
            instanceWarmup = instanceWarmup == null ? AwsFleetClient.DEFAULT_INSTANCE_WARMUP : instanceWarmup;
            pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
        }

        public static Params defaults() {
            return new Params(null, null, null, AsgAddress.TARGET);
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) throws InterruptedException {
        String group = params.asg().groupOf(ctx);
        AwsFleetClient aws = params.asg().clientOf(ctx);
        String id = start(aws, group, params);
        ctx.progress("instance refresh " + id + " started on " + group + " (min healthy "
                + params.minHealthyPercentage() + "%, warm-up " + params.instanceWarmup().toSeconds() + "s)");
        InstanceRefresh refresh = follow(ctx, aws, group, id, params.pollInterval());
        if (refresh.status().unsuccessful()) {
            ctx.evidence(Evidence.Kind.PROVIDER_STATE, "instance refresh " + id, refresh.describe());
            throw StepFailure.permanent("instance refresh " + id + " on " + group + " ended " + refresh.rawStatus()
                    + " at " + refresh.percentOrZero() + "%: " + reason(refresh) + ". Instances not yet replaced"
                    + " still run the previous launch template; fix the cause and run the refresh again");
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("group", group);
        outputs.put("refreshId", id);
        outputs.put("status", refresh.rawStatus());
        outputs.put("percentageComplete", Integer.toString(refresh.percentOrZero()));
        return new StepResult("instance refresh " + id + " on " + group + " " + refresh.rawStatus(), outputs);
    }

    private static String start(AwsFleetClient aws, String group, Params params) {
        try {
            return aws.startInstanceRefresh(group, params.minHealthyPercentage(), params.instanceWarmup());
        } catch (ProviderException.Permanent e) {
            if (!e.getMessage().contains("InstanceRefreshInProgress")) {
                throw AwsSteps.failure("starting an instance refresh on " + group, e);
            }
            String running = aws.describeInstanceRefreshes(group, null).stream()
                    .filter(r -> !r.status().terminal()).findFirst()
                    .map(r -> "refresh " + r.id() + " is " + r.describe())
                    .orElse("another refresh is running");
            throw StepFailure.permanent("cannot start an instance refresh on " + group + ": " + running
                    + ". Wait for it to finish, or cancel it: aws autoscaling cancel-instance-refresh"
                    + " --auto-scaling-group-name " + group);
        } catch (ProviderException e) {
            throw AwsSteps.failure("starting an instance refresh on " + group, e);
        }
    }

    private static InstanceRefresh follow(StepContext ctx, AwsFleetClient aws, String group, String id,
                                          Duration poll) throws InterruptedException {
        InstanceRefresh[] seen = new InstanceRefresh[1];
        Wait.Result<InstanceRefresh> wait = Wait.on(ctx).every(poll).until(look -> {
            seen[0] = read(ctx, aws, group, id, seen[0]);
            if (seen[0] != null && seen[0].status().terminal()) {
                return Wait.done(seen[0]);
            }
            return Wait.pending(seen[0] == null ? null : "instance refresh " + seen[0].describe(), seen[0]);
        });
        if (wait.done()) {
            return wait.value();
        }
        throw stopped(ctx, group, id, wait.lastSeen() == null ? "" : wait.lastSeen().describe());
    }

    /** A failed status read is not a failed refresh: say so and keep polling until the deadline. */
    private static InstanceRefresh read(StepContext ctx, AwsFleetClient aws, String group, String id,
                                        InstanceRefresh previous) {
        try {
            return aws.instanceRefresh(group, id);
        } catch (ProviderException e) {
            if (!e.retryable()) {
                throw AwsSteps.failure("reading instance refresh " + id + " on " + group, e);
            }
            ctx.progress("could not read refresh status (" + e.getMessage() + "); trying again");
            return previous;
        }
    }

    private static StepFailure stopped(StepContext ctx, String group, String id, String last) {
        String where = last.isEmpty() ? "" : " at " + last;
        String note = "; it keeps running in AWS — watch it with aws autoscaling describe-instance-refreshes"
                + " --auto-scaling-group-name " + group + ", or stop it with aws autoscaling cancel-instance-refresh";
        return StepFailure.permanent((ctx.cancelled() ? "run cancelled while instance refresh " + id + " was"
                + where : "instance refresh " + id + " had not finished by the step deadline" + where) + note);
    }

    private static String reason(InstanceRefresh refresh) {
        return refresh.statusReason() == null || refresh.statusReason().isBlank()
                ? "AWS gave no reason (see the group's activity history)" : refresh.statusReason();
    }
}
