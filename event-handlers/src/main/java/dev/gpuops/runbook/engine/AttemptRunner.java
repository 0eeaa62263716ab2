package dev.gpuops.runbook.engine;

import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepFinding;
import dev.gpuops.runbook.action.StepNotApplied;
import dev.gpuops.runbook.action.StepResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of one action on its own virtual thread, so a timeout can interrupt it without the run losing its
 * thread. Failures are classified here: only {@link StepFailure#retryable()} and
 * {@link ProviderException#retryable()} failures may be retried.
 */
final class AttemptRunner {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptRunner.class);
    /** How long a timed-out action gets to honour the interrupt before the run moves on without it. */
    private static final Duration ABANDON_AFTER = Duration.ofSeconds(5);

    /** How a failed attempt ended the step: a fault, a change that cannot apply, or a check's finding. */
    enum Kind { FAULT, NOT_APPLIED, FINDING }

    /** Exactly one of value and error is set. */
    record Result(StepResult value, String error, boolean retryable, boolean interrupted, Kind kind) {

        Result(StepResult value, String error, boolean retryable, boolean interrupted) {
            this(value, error, retryable, interrupted, Kind.FAULT);
        }

        static Result failure(String error, boolean retryable) {
            return new Result(null, Redactor.redact(error), retryable, false);
        }

        static Result failure(String error, Kind kind) {
            return new Result(null, Redactor.redact(error), false, false, kind);
        }
    }

    Result run(Action<?> action, Record params, StepContext context, Duration timeout) {
        CompletableFuture<StepResult> future = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("step-" + context.runId() + "-" + context.stepId())
                .start(() -> call(action, params, context, future));
        try {
            StepResult result = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return result == null ? new Result(StepResult.of("done"), null, false, false)
                    : new Result(result, null, false, false);
        } catch (TimeoutException e) {
            abandon(worker, context);
            return Result.failure(StepExecutor.timedOut(timeout), false);
        } catch (ExecutionException e) {
            return classify(action, e.getCause());
        } catch (InterruptedException e) {
            abandon(worker, context);
            return new Result(null, "interrupted: gpuops is shutting down", false, true);
        }
    }

    private static <P extends Record> void call(Action<P> action, Record params, StepContext context,
                                                CompletableFuture<StepResult> future) {
        try {
            future.complete(action.execute(context, action.paramsType().cast(params)));
        } catch (Throwable t) {
            future.completeExceptionally(t);
        }
    }

    private static void abandon(Thread worker, StepContext context) {
        worker.interrupt();
        try {
            if (!worker.join(ABANDON_AFTER)) {
                LOG.warn("step {} of run {} ignored its interrupt and is still running; moving on without it",
                        context.stepId(), context.runId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Result classify(Action<?> action, Throwable failure) {
        return switch (failure) {
            case StepNotApplied n -> Result.failure(n.getMessage(), Kind.NOT_APPLIED);
            case StepFinding f -> Result.failure(f.getMessage(), Kind.FINDING);
            case StepFailure f -> Result.failure(f.getMessage(), f.retryable());
            case ProviderException p -> Result.failure(p.getMessage(), p.retryable());
            case InterruptedException i -> Result.failure("interrupted before it finished", false);
            default -> {
                LOG.error("action {} failed unexpectedly", action.key(), failure);
                yield Result.failure("unexpected " + failure.getClass().getSimpleName() + " in " + action.key()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                        + " (the handler log has the stack trace)", false);
            }
        };
    }
}
