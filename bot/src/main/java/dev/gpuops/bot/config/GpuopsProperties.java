package dev.gpuops.bot.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where gpuops reads its data from.
 *
 * @param targetsFile the targets file ({@code GPUOPS_TARGETS_FILE}): every operable system, its channel and GitHub
 *                    subscription
 * @param runbooksDir extra runbook directory ({@code GPUOPS_RUNBOOKS_DIR}); unset = only the shipped runbooks
 */
@Validated
@ConfigurationProperties("gpuops")
public record GpuopsProperties(@NotNull Path targetsFile, Path runbooksDir) {
}
