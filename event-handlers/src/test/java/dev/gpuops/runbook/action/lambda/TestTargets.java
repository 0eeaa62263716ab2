package dev.gpuops.runbook.action.lambda;

import dev.gpuops.target.Target;
import java.util.Map;

/** Targets as a targets file would declare them, for action tests. */
public final class TestTargets {

    private TestTargets() {
    }

    public static Target lambda(String name, String instanceType, String region, String sshKeyName) {
        return new Target("image-box", "lambda", "#gpu-ops", Target.Environment.STAGING, null, null, null, null,
                null, null, new Target.Lambda(name, instanceType, region, sshKeyName), null, null, null, null,
                Map.of());
    }

    public static Target vast(Long instanceId) {
        return new Target("huihuang", "vast", "#gpu-ops", Target.Environment.STAGING, null, null, null, null, null,
                null, null, null, new Target.Vast(instanceId), null, null, Map.of());
    }
}
