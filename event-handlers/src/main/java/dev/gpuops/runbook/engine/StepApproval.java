package dev.gpuops.runbook.engine;

import dev.gpuops.access.AccessControl;
import dev.gpuops.target.AccessPolicy;
import dev.gpuops.target.Permission;
import dev.gpuops.event.ApprovalDenied;
import dev.gpuops.event.ApprovalExpired;
import dev.gpuops.event.ApprovalGranted;
import dev.gpuops.event.ApprovalRequested;
import dev.gpuops.event.Events;
import dev.gpuops.event.RunEvent;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.RunbookStep;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.StepContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The two-person rule: a destructive step on a production target, or any step with {@code confirm: true}, waits for
 * an approver's decision before it runs. The wait is on the run log (ApprovalRequested, then Granted, Denied or
 * Expired), with the step's blast radius read live from the provider.
 */
final class StepApproval {

    /** How often the wait looks at the clock and the run's cancellation. */
    private static final Duration SLICE = Duration.ofMillis(200);

    private final ApprovalGate gate;
    private final AccessControl access;
    private final Consumer<RunEvent> publisher;
    private final Clock clock;

    StepApproval(ApprovalGate gate, AccessControl access, Consumer<RunEvent> publisher, Clock clock) {
        this.gate = gate;
        this.access = access;
        this.publisher = publisher;
        this.clock = clock;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static boolean destructive(Action<?> action, Record params) {
        return ((Action) action).destructive(params);
    }

    static boolean required(RunbookStep step, boolean destructive, RunState state) {
        return step.confirm() || (destructive && state.request().target().production());
    }

    /**
     * Returned (by identity) when gpuops stops while the step waits: the run ends without RunFinished and the wait
     * stays on its checkpoint, for the next owner to resume with the same deadline.
     */
    static final String SUSPENDED = new String("suspended while waiting for approval");

    /** @return empty when approved (the step may run), {@link #SUSPENDED}, else why the run stops before the step */
    Optional<String> await(RunbookStep step, Action<?> action, Record params, RunState state,
                           Function<RunbookStep, StepContext> contexts) {
        RunRequest request = state.request();
        AccessPolicy policy = access.policy(request.target());
        Optional<PendingApproval> resumed = state.resumedApproval(step.id());
        Instant asked = resumed.map(PendingApproval::askedAt).orElseGet(clock::instant);
        Instant expires = resumed.map(PendingApproval::expiresAt).orElse(asked.plus(policy.approvalTimeout()));
        String requester = request.origin() == null ? null : request.origin().userId();
        if (resumed.isPresent() && !clock.instant().isBefore(expires)) {
            return expired(step, request, asked, expires, clock.instant());
        }
        ApprovalGate.Pending wait = gate.open(new ApprovalGate.Waiting(request.runId(), request.target().name(),
                step.id(), requester));
        try {
            // after a restart the same approval is announced again (same step, same deadline): the run's message
            // is updated in place and every view learns that the run still waits
            publisher.accept(new ApprovalRequested(Events.newEventId(), clock.instant(), request.target().name(),
                    request.runId(), step.id(), step.action(), Redactor.redact(blastRadius(action, params,
                    contexts.apply(step))), requester, approvers(policy), expires));
            return decide(wait, step, state, asked, expires);
        } finally {
            gate.close(request.runId());
        }
    }

    private Optional<String> decide(ApprovalGate.Pending wait, RunbookStep step, RunState state, Instant asked,
                                    Instant expires) {
        RunRequest request = state.request();
        while (true) {
            if (state.control().cancelled()) {
                return Optional.of(state.control().reason() + " while step `" + step.id() + "` waited for approval");
            }
            if (state.control().suspended() && !wait.decision().isDone()) {
                return Optional.of(SUSPENDED);
            }
            Instant now = clock.instant();
            if (!now.isBefore(expires)) {
                return expired(step, request, asked, expires, now);
            }
            ApprovalGate.Decision decision;
            try {
                decision = wait.decision().get(SLICE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                continue;
            } catch (InterruptedException e) {
                // shutdown: the run keeps waiting on its checkpoint; nothing is cancelled
                state.control().suspend();
                state.interrupted();
                continue;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            return decided(decision, step, request);
        }
    }

    private Optional<String> expired(RunbookStep step, RunRequest request, Instant asked, Instant expires,
                                     Instant now) {
        publisher.accept(new ApprovalExpired(Events.newEventId(), now, request.target().name(),
                request.runId(), step.id(), Duration.between(asked, now)));
        return Optional.of("nobody approved step `" + step.id() + "` within "
                + dev.gpuops.target.Durations.format(Duration.between(asked, expires))
                + "; the run was cancelled before it. Run the command again when an approver is around");
    }

    private Optional<String> decided(ApprovalGate.Decision decision, RunbookStep step, RunRequest request) {
        String who = decision.userName() != null && !decision.userName().isBlank() ? decision.userName()
                : decision.userId() == null ? "someone" : decision.userId();
        if (decision.approve()) {
            publisher.accept(new ApprovalGranted(Events.newEventId(), clock.instant(), request.target().name(),
                    request.runId(), step.id(), decision.userId(), decision.userName()));
            return Optional.empty();
        }
        publisher.accept(new ApprovalDenied(Events.newEventId(), clock.instant(), request.target().name(),
                request.runId(), step.id(), decision.userId(), decision.userName()));
        return Optional.of("step `" + step.id() + "` was denied by " + who + "; it did not run");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String blastRadius(Action<?> action, Record params, StepContext context) {
        try {
            Optional<String> radius = ((Action) action).blastRadius(context, params);
            return radius.orElse(action.description());
        } catch (Exception e) {
            return action.description() + " (the live blast radius could not be read: "
                    + String.valueOf(e.getMessage()) + ")";
        }
    }

    private static String approvers(AccessPolicy policy) {
        var subjects = policy.subjects(Permission.APPROVE);
        return subjects.isEmpty() ? "nobody (add `approvers` to the target's `access:`)"
                : String.join(", ", subjects.stream().map(s -> s.equals("*") ? "anyone"
                : s.startsWith("S") ? "<!subteam^" + s + ">" : "<@" + s + ">").toList());
    }
}
