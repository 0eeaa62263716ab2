package dev.gpuops.bot.config;

import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where gpuops reads its data from. Paths are kept as written and resolved against the working directory only
 * (binding them as {@code Path} would silently fall back to a classpath resource of the same name).
 *
 * @param targetsFile the targets file ({@code GPUOPS_TARGETS_FILE}): every operable system, its channel and GitHub
 *                    subscription
 * @param runbooksDir extra runbook directory ({@code GPUOPS_RUNBOOKS_DIR}); blank = only the shipped runbooks
 */
@Validated
@ConfigurationProperties("gpuops")
public record GpuopsProperties(@NotBlank String targetsFile, String runbooksDir) {

    public Path targetsPath() {
        return Path.of(targetsFile);
    }

    /** The extra runbook directory, or null when none is configured. */
    public Path runbooksPath() {
        return runbooksDir == null || runbooksDir.isBlank() ? null : Path.of(runbooksDir);
    }
}
