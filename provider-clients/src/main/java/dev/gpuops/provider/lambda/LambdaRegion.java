package dev.gpuops.provider.lambda;

/** A Lambda region, e.g. {@code us-east-1} "Virginia, USA". */
public record LambdaRegion(String name, String description) {
}
