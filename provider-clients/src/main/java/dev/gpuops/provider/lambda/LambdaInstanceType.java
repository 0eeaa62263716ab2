package dev.gpuops.provider.lambda;

import java.util.List;

/**
 * One entry of {@code GET /instance-types}. Listed capacity is not reserved: a launch can still fail with
 * insufficient capacity.
 */
public record LambdaInstanceType(String name, String description, String gpuDescription, int priceCentsPerHour,
                                 Specs specs, List<LambdaRegion> regionsWithCapacity) {

    public LambdaInstanceType {
        regionsWithCapacity = regionsWithCapacity == null ? List.of() : List.copyOf(regionsWithCapacity);
    }

    public record Specs(int vcpus, int memoryGib, int storageGib, int gpus) {
    }

    public boolean hasCapacityIn(String region) {
        return regionsWithCapacity.stream().anyMatch(r -> r.name().equals(region));
    }

    public List<String> regionNames() {
        return regionsWithCapacity.stream().map(LambdaRegion::name).toList();
    }
}
