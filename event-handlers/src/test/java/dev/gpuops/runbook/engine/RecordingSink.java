package dev.gpuops.runbook.engine;

import dev.gpuops.event.RunEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every published run event in order; lets a test wait for one to appear. */
public final class RecordingSink implements RunEventSink {

    private final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(RunEvent event) {
        events.add(event);
        synchronized (this) {
            notifyAll();
        }
    }

    public List<RunEvent> events() {
        return List.copyOf(events);
    }

    public List<RunEvent> events(String runId) {
        return events.stream().filter(e -> e.runId().equals(runId)).toList();
    }

    public <T extends RunEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** "RunStarted", "StepStarted:first", … — the run log as a readable list. */
    public List<String> log(String runId) {
        return events(runId).stream().map(RecordingSink::describe).toList();
    }

    public static String describe(RunEvent event) {
        String name = event.getClass().getSimpleName();
        return switch (event) {
            case dev.gpuops.event.StepStarted s -> name + ":" + s.stepId() + "#" + s.attempt();
            case dev.gpuops.event.StepSucceeded s -> name + ":" + s.stepId();
            case dev.gpuops.event.StepFailed s -> name + ":" + s.stepId() + "#" + s.attempt()
                    + (s.willRetry() ? "(retry)" : "");
            case dev.gpuops.event.StepProgressed s -> name + ":" + s.stepId();
            case dev.gpuops.event.RunFinished f -> name + ":" + f.outcome();
            default -> name;
        };
    }

    /** Waits (bounded, generously) until an event matching {@code condition} was published. */
    public synchronized RunEvent await(Predicate<RunEvent> condition) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            for (RunEvent event : events) {
                if (condition.test(event)) {
                    return event;
                }
            }
            long left = Duration.between(Instant.now(), giveUp).toMillis();
            if (left <= 0) {
                throw new AssertionError("no matching event within 20 s; saw " + events.stream()
                        .map(RecordingSink::describe).toList());
            }
            wait(Math.min(left, 100));
        }
    }
}
