package dev.gpuops.provider.lambda;

import java.util.List;

/**
 * Body of {@code POST /instance-operations/launch}. Lambda currently requires exactly one SSH key name.
 *
 * @param name shown in Lambda's console and used by gpuops to find the instance again (reconcile)
 */
public record LaunchRequest(String region, String instanceType, List<String> sshKeyNames,
                            List<String> fileSystemNames, int quantity, String name) {

    public LaunchRequest {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("launch needs a region, e.g. us-east-1");
        }
        if (instanceType == null || instanceType.isBlank()) {
            throw new IllegalArgumentException("launch needs an instance type, e.g. gpu_1x_a10");
        }
        sshKeyNames = sshKeyNames == null ? List.of() : List.copyOf(sshKeyNames);
        if (sshKeyNames.isEmpty()) {
            throw new IllegalArgumentException("launch needs the name of an SSH key registered with Lambda");
        }
        fileSystemNames = fileSystemNames == null ? List.of() : List.copyOf(fileSystemNames);
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
    }

    public static LaunchRequest one(String region, String instanceType, String sshKeyName, String name) {
        return new LaunchRequest(region, instanceType, List.of(sshKeyName), List.of(), 1, name);
    }
}
