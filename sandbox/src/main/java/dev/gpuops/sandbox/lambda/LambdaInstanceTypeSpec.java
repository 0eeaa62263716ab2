package dev.gpuops.sandbox.lambda;

import java.util.List;

/** One entry of the simulated instance-type catalogue, shaped like Lambda's {@code instance_type} object. */
public record LambdaInstanceTypeSpec(String name, String description, String gpuDescription, int priceCentsPerHour,
                                     int vcpus, int memoryGib, int storageGib, int gpus) {

    /** A small catalogue resembling Lambda's: enough types to exercise capacity checks. */
    public static List<LambdaInstanceTypeSpec> defaults() {
        return List.of(
                new LambdaInstanceTypeSpec("gpu_1x_a10", "1x A10 (24 GB PCIe)", "A10 (24 GB PCIe)", 75,
                        30, 200, 1400, 1),
                new LambdaInstanceTypeSpec("gpu_1x_a100", "1x A100 (40 GB SXM4)", "A100 (40 GB SXM4)", 129,
                        30, 200, 512, 1),
                new LambdaInstanceTypeSpec("gpu_1x_h100_pcie", "1x H100 (80 GB PCIe)", "H100 (80 GB PCIe)", 249,
                        26, 200, 1024, 1),
                new LambdaInstanceTypeSpec("gpu_8x_a100", "8x A100 (40 GB SXM4)", "A100 (40 GB SXM4)", 1032,
                        124, 1800, 6000, 8));
    }
}
