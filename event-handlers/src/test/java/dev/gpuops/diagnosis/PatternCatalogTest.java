package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatternCatalogTest {

    static final List<String> REQUIRED = List.of("ssh-not-ready", "app-crashed", "ghcr-unauthorized",
            "hf-gated-model", "gpu-runtime-missing", "cuda-oom", "cuda-version-mismatch", "disk-full",
            "image-pull-failed", "supervisor-fatal", "python-dependency-missing", "port-in-use",
            "runpod-init-timeout", "runpod-jobs-stuck", "runpod-sdk-routing", "runpod-dead-endpoint",
            "no-queue-pollers", "worker-not-registering", "lambda-capacity", "lambda-instance-unhealthy",
            "lambda-instance-preempted", "runpod-credit-burn", "asg-instance-unhealthy");

    @Test
    void shippedCatalogLoadsWithEveryRequiredPattern() {
        PatternCatalog catalog = TestCatalog.shipped();
        assertThat(catalog.patterns()).extracting(FailurePattern::id).containsAll(REQUIRED);
    }
}
