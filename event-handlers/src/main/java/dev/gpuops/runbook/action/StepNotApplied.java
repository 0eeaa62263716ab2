package dev.gpuops.runbook.action;

/**
 * The step cannot apply the requested change, and nothing broke: the run ends NOT_APPLIED (never green, never
 * diagnosed as a fault). The message says exactly what to change so the next run applies.
 */
public final class StepNotApplied extends StepFailure {

    public StepNotApplied(String message) {
        super(message, false);
    }
}
