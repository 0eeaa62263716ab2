package dev.gpuops.runbook.engine;

/** The words of an INTERRUPTED run: which step, why it is not repeated, what to check. */
public final class Interruptions {

    private Interruptions() {
    }

    /** "`purge` (runpod.purge_queue) was in flight when gpuops restarted; …". */
    public static String summary(String stepId, String action, String target, String why) {
        return "`" + stepId + "` (" + action + ") was in flight when " + why + "; gpuops never repeats a step that is"
                + " not safe to repeat, so it may or may not have taken effect. Check " + target + " with `/gpu status "
                + target + "`, then run the command again if it is still needed";
    }
}
