package dev.gpuops.runbook.action.lambda;

import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.target.Target;

/**
 * What to launch for a target: the step's overrides, else the target's {@code lambda:} section. The name is how
 * gpuops finds the instance again, so it is required.
 */
record LambdaSpec(String name, String instanceType, String region, String sshKeyName) {

    static LambdaSpec resolve(Target target, String name, String instanceType, String region, String sshKeyName) {
        Target.Lambda section = target.lambda();
        return new LambdaSpec(
                pick(target, name, section == null ? null : section.name(), "name", "image-server-v2"),
                pick(target, instanceType, section == null ? null : section.instanceType(), "instanceType",
                        "gpu_1x_a10"),
                pick(target, region, section == null ? null : section.region(), "region", "us-east-1"),
                pick(target, sshKeyName, section == null ? null : section.sshKeyName(), "sshKeyName",
                        "the name of a key registered with Lambda"));
    }

    /** Only the name, for actions that find an existing instance. */
    static String name(Target target, String override) {
        Target.Lambda section = target.lambda();
        return pick(target, override, section == null ? null : section.name(), "name", "image-server-v2");
    }

    private static String pick(Target target, String override, String configured, String field, String example) {
        if (override != null && !override.isBlank()) {
            return override.strip();
        }
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        throw StepFailure.permanent("target " + target.name() + " has no lambda." + field
                + " in the targets file; add it (e.g. " + example + ") or pass " + field + ": in the step");
    }
}
