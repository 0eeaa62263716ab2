package dev.gpuops.runbook.action;

/**
 * One runbook action: one class, declared once with {@link RunbookAction} (key, description, idempotent,
 * destructive). Parameters arrive as a record bound
 * from the step's {@code with:} block after {@code ${…}} substitution; its compact constructor validates them and
 * {@link Param} documents them (the actions reference in docs/runbooks.md is generated from these).
 *
 * @param <P> the parameters record
 */
public interface Action<P extends Record> {

    /** The dotted key used in runbooks; declared with {@link RunbookAction}. */
    default String key() {
        return ActionDeclaration.of(getClass()).key();
    }

    /** The parameters record: the {@code P} of {@code Action<P>}. */
    @SuppressWarnings("unchecked")
    default Class<P> paramsType() {
        return (Class<P>) ActionDeclaration.of(getClass()).paramsType();
    }

    /** One line for docs and the step checklist; declared with {@link RunbookAction}. */
    default String description() {
        return ActionDeclaration.of(getClass()).description();
    }

    /** Safe to run again after a crash mid-step; declared with {@link RunbookAction}. */
    default boolean idempotent() {
        return ActionDeclaration.of(getClass()).idempotent();
    }

    /** Stops, replaces or deletes something users depend on; declared with {@link RunbookAction}. */
    default boolean destructive() {
        return ActionDeclaration.of(getClass()).destructive();
    }

    /**
     * Whether this invocation is destructive, for actions where only some parameters make it so
     * ({@code lambda.launch} with {@code force}). Defaults to {@link #destructive()}, which such actions keep
     * {@code true} so an engine that only asks the no-argument form stays on the safe side.
     */
    default boolean destructive(P params) {
        return destructive();
    }

    /**
     * What this invocation would stop or delete, read live from the provider just before a person is asked to
     * approve it ("purge drops 37 queued jobs"). Read-only; empty when the action cannot tell. Throwing is allowed:
     * the approval message then says the blast radius could not be read and why.
     */
    default java.util.Optional<String> blastRadius(StepContext context, P params) throws Exception {
        return java.util.Optional.empty();
    }

    /**
     * Does the work. Throw {@link StepFailure} (or any exception) to fail the step; the message goes to the thread,
     * so it must say what happened and what to do next, and never contain a secret.
     */
    StepResult execute(StepContext context, P params) throws Exception;
}
