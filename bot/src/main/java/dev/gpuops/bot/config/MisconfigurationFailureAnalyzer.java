package dev.gpuops.bot.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused configuration as what is wrong and what to set, without a stack trace to dig through. */
class MisconfigurationFailureAnalyzer extends AbstractFailureAnalyzer<MisconfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MisconfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the configuration named above and start gpuops again (README: Configuration).", cause);
    }
}
