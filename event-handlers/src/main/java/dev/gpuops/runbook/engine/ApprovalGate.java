package dev.gpuops.runbook.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs paused for a second person, by run id. The engine opens a wait and blocks on it; the command dispatcher,
 * having checked the decider against the access policy, hands the decision in. Shared by both for one handler.
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

    Pending open(Waiting waiting) {
        Pending wait = new Pending(waiting, new CompletableFuture<>());
        pending.put(waiting.runId(), wait);
        return wait;
    }

    void close(String runId) {
        pending.remove(runId);
    }
}
