package dev.gpuops.runbook.action;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one declaration of an {@link Action}: its key, what it does, and how it behaves when repeated or on
 * production. The parameters type is the action's {@code Action<P>} type argument. Example:
 * <pre>{@code
 * @RunbookAction(key = "runpod.purge_queue", idempotent = true, destructive = true,
 *         description = "Remove all queued (not yet running) jobs from the RunPod endpoint")
 * public final class RunPodPurgeQueue implements Action<RunPodPurgeQueue.Params> { … execute … }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RunbookAction {

    /** The dotted key used in runbooks ({@code ssh.supervisorctl}). */
    String key();

    /** One line for docs and the step checklist. */
    String description();

    /** Safe to run again after a crash mid-step (a status read is; a terminate is not). */
    boolean idempotent();

    /**
     * Stops, replaces or deletes something users depend on; on production it waits for a second person's approval.
     * An action where only some parameters make it so keeps {@code true} here and overrides
     * {@link Action#destructive(Record)}.
     */
    boolean destructive();
}
