package dev.gpuops.runbook.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The runs of one target: at most one running, the rest in arrival order. A lock rather than
 * {@code synchronized} because RunQueued is published while holding it and that blocks on Kafka; a virtual thread
 * must not pin its carrier for that.
 */
final class TargetLane {

    /** @param resume where a recovered run picks up; null for a run that starts from its first step */
    record Entry(RunRequest request, RunControl control, Resumption resume) {
    }

    /** Where a new run lands: {@code aheadOf} runs before it, {@code blockedBy} the one running now. */
    record Position(int aheadOf, String blockedBy) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Deque<Entry> queued = new ArrayDeque<>();
    private final BiFunction<Entry, Runnable, Thread> launcher;
    private final int maxQueued;
    private Entry running;
    private Thread runningThread;

    TargetLane(BiFunction<Entry, Runnable, Thread> launcher) {
        this(launcher, Integer.MAX_VALUE);
    }

    /** @param maxQueued how many runs may wait behind the running one; a run past that is refused */
    TargetLane(BiFunction<Entry, Runnable, Thread> launcher, int maxQueued) {
        this.launcher = launcher;
        this.maxQueued = maxQueued;
    }

    /** @param announce publishes RunQueued for the position; runs under the lock so no run overtakes it */
    <T> Optional<T> enqueue(RunRequest request, Function<Position, T> announce) {
        return enqueue(request, null, announce, position -> null);
    }

    /**
     * @param resume where a recovered run picks up, or null
     * @param refuse told the position a run would have had when the queue is full (under the lock); the run is
     *               then neither queued nor started and empty is returned. Null: never refused (a run recovered
     *               after a restart was accepted once already and is never dropped)
     */
    <T> Optional<T> enqueue(RunRequest request, Resumption resume, Function<Position, T> announce,
                            Function<Position, ?> refuse) {
        lock.lock();
        try {
            if (holds(request.runId())) {
                return Optional.empty();
            }
            Position position = new Position(queued.size() + (running == null ? 0 : 1),
                    running == null ? null : running.request().runId());
            if (refuse != null && running != null && queued.size() >= maxQueued) {
                refuse.apply(position);
                return Optional.empty();
            }
            T announced = announce.apply(position);
            Entry entry = new Entry(request, new RunControl(), resume);
            if (running == null) {
                start(entry);
            } else {
                queued.addLast(entry);
            }
            return Optional.of(announced);
        } finally {
            lock.unlock();
        }
    }

    Optional<Entry> removeQueued(String runId) {
        lock.lock();
        try {
            for (Iterator<Entry> it = queued.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (entry.request().runId().equals(runId)) {
                    it.remove();
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    boolean signalRunning(String runId, String reason) {
        lock.lock();
        try {
            if (running != null && running.request().runId().equals(runId)) {
                running.control().cancel(reason);
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    List<Entry> drainQueued() {
        lock.lock();
        try {
            List<Entry> drained = new ArrayList<>(queued);
            queued.clear();
            return drained;
        } finally {
            lock.unlock();
        }
    }

    void signalAll(String reason) {
        lock.lock();
        try {
            if (running != null) {
                running.control().cancel(reason);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The running run finishes its current step and stops without RunFinished (it stays recoverable). */
    void suspendRunning() {
        lock.lock();
        try {
            if (running != null) {
                running.control().suspend();
            }
        } finally {
            lock.unlock();
        }
    }

    void interruptRunning() {
        lock.lock();
        try {
            if (runningThread != null) {
                runningThread.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean awaitIdle(Duration timeout) {
        lock.lock();
        try {
            long nanos = Math.max(0, timeout.toNanos());
            while (running != null || !queued.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    boolean idle() {
        lock.lock();
        try {
            return running == null && queued.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    String runningId() {
        lock.lock();
        try {
            return running == null ? "-" : running.request().runId();
        } finally {
            lock.unlock();
        }
    }

    List<TargetRunScheduler.ScheduledRun> snapshot() {
        lock.lock();
        try {
            List<TargetRunScheduler.ScheduledRun> all = new ArrayList<>();
            if (running != null) {
                all.add(describe(running, true));
            }
            queued.forEach(entry -> all.add(describe(entry, false)));
            return all;
        } finally {
            lock.unlock();
        }
    }

    private void start(Entry entry) {
        running = entry;
        runningThread = launcher.apply(entry, () -> finished(entry));
    }

    private void finished(Entry entry) {
        lock.lock();
        try {
            if (running == entry) {
                running = null;
                runningThread = null;
                Entry next = queued.pollFirst();
                if (next != null) {
                    start(next);
                }
            }
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean holds(String runId) {
        return running != null && running.request().runId().equals(runId)
                || queued.stream().anyMatch(e -> e.request().runId().equals(runId));
    }

    private static TargetRunScheduler.ScheduledRun describe(Entry entry, boolean running) {
        return new TargetRunScheduler.ScheduledRun(entry.request().runId(), entry.request().target().name(),
                entry.request().description(), running);
    }
}
