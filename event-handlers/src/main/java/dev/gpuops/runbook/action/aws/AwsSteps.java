package dev.gpuops.runbook.action.aws;

import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.target.Target;

/**
 * What every AWS action resolves the same way: the client for the target's region, the Auto Scaling group, SSM
 * parameter names under the target's prefix, and provider failures turned into step failures.
 */
final class AwsSteps {

    private AwsSteps() {
    }

    /** The shared client, switched to the step's or the target's region when one is set. */
    static AwsFleetClient client(StepContext ctx, String region) {
        AwsFleetClient client = ctx.aws();
        String wanted = region != null && !region.isBlank() ? region.strip() : section(ctx.target()).region();
        return client.inRegion(wanted);
    }

    static String group(StepContext ctx, String override) {
        if (override != null && !override.isBlank()) {
            return override.strip();
        }
        String configured = section(ctx.target()).autoScalingGroup();
        if (configured == null || configured.isBlank()) {
            throw StepFailure.permanent("target " + ctx.target().name() + " has no aws.autoScalingGroup in the"
                    + " targets file; add it (e.g. asg-staging-gpu-default) or pass group: in the step");
        }
        return configured.strip();
    }

    /** Absolute names pass through; relative ones go under the target's {@code aws.ssmPrefix}. */
    static String parameterName(StepContext ctx, String name) {
        String trimmed = name.strip();
        if (trimmed.startsWith("/")) {
            return trimmed;
        }
        String prefix = section(ctx.target()).ssmPrefix();
        if (prefix == null || prefix.isBlank()) {
            throw StepFailure.permanent("SSM parameter name '" + trimmed + "' is relative but target "
                    + ctx.target().name() + " has no aws.ssmPrefix; use the full name (/bp/staging/" + trimmed
                    + ") or set aws.ssmPrefix");
        }
        return prefix.strip().replaceAll("/+$", "") + "/" + trimmed;
    }

    /** A provider failure as the thread should read it: what we were doing, what AWS said, whether to retry. */
    static StepFailure failure(String doing, ProviderException e) {
        String message = doing + ": " + e.getMessage();
        return switch (e) {
            case ProviderException.RateLimited limited -> new StepFailure(message, true, limited);
            case ProviderException.Transient transientFailure -> new StepFailure(message, true, transientFailure);
            default -> new StepFailure(message, false, e);
        };
    }

    private static Target.Aws section(Target target) {
        return target.aws() == null ? new Target.Aws(null, null, null) : target.aws();
    }
}
