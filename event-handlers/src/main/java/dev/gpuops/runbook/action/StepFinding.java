package dev.gpuops.runbook.action;

/**
 * A check step (the verdict of status/diagnose) found the target unhealthy. The run did its job: it ends
 * FOUND_PROBLEMS with the finding as its summary, and the collected evidence is still diagnosed.
 */
public final class StepFinding extends StepFailure {

    public StepFinding(String finding) {
        super(finding, false);
    }
}
