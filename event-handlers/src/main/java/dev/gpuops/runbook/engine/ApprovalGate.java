package dev.gpuops.runbook.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs paused for a second person, by run id. The engine opens a wait and blocks on it; the command dispatcher,
 * having checked the decider against the access policy, hands the decision in. Shared by both for one handler.
 * <p>
 * After a restart, recovery announces the waits it is resuming ({@link #expect}) before any new command is
 * consumed: a decision that arrives before the resumed run reaches its step again is kept for it, not dropped.
 */
public final class ApprovalGate {

    /** A paused run, as the dispatcher needs it to judge a decision. */
    public record Waiting(String runId, String target, String stepId, String requesterId) {
    }

    /** @param userName display name for messages; may be null */
    public record Decision(boolean approve, String userId, String userName) {
    }

    record Pending(Waiting waiting, CompletableFuture<Decision> decision) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public Optional<Waiting> waiting(String runId) {
        return Optional.ofNullable(runId == null ? null : pending.get(runId)).map(Pending::waiting);
    }

    /** @return false when the run is not (or no longer) waiting at {@code stepId} (null = any step) */
    public boolean decide(String runId, String stepId, Decision decision) {
        Pending wait = runId == null ? null : pending.get(runId);
        if (wait == null || (stepId != null && !stepId.equals(wait.waiting().stepId()))) {
            return false;
        }
        return wait.decision().complete(decision);
    }

    /** A recovered run will wait again at {@code waiting.stepId()}: decisions for it are kept until it does. */
    public void expect(Waiting waiting) {
        pending.putIfAbsent(waiting.runId(), new Pending(waiting, new CompletableFuture<>()));
    }

    /** Forgets an expected wait whose run did not resume after all. */
    public void forget(String runId) {
        pending.remove(runId);
    }

    Pending open(Waiting waiting) {
        return pending.compute(waiting.runId(), (runId, expected) ->
                expected != null && expected.waiting().stepId().equals(waiting.stepId())
                        ? expected : new Pending(waiting, new CompletableFuture<>()));
    }

    void close(String runId) {
        pending.remove(runId);
    }
}
