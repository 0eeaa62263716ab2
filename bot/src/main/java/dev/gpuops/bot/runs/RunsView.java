package dev.gpuops.bot.runs;

import dev.gpuops.event.ApprovalDenied;
import dev.gpuops.event.ApprovalExpired;
import dev.gpuops.event.ApprovalGranted;
import dev.gpuops.event.ApprovalRequested;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepFailed;
import dev.gpuops.event.StepProgressed;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.StepSucceeded;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recent and in-flight runs, built from the run events on {@code gpuops.runs} (and from commands the bot itself
 * queued, so a run can be listed or cancelled before any handler picked it up). Feeding the same event twice is
 * harmless, and a finished run never goes back to running when an older event arrives late.
 */
public class RunsView {

    private static final int STATE_LIMIT = 140;

    private final int capacity;
    private final LinkedHashMap<String, RunSummary> runs = new LinkedHashMap<>();
    private final java.util.Map<String, ApprovalRequested> waiting = new java.util.HashMap<>();
    private final java.util.Map<String, String> requesters = new java.util.HashMap<>();
    /** How the run's last approval ended (granted, denied, expired), for a click that comes too late. */
    private final java.util.Map<String, RunEvent> decided = new java.util.HashMap<>();
    /** Finished run ids, oldest first: eviction takes the first without scanning a map full of queued runs. */
    private final LinkedHashSet<String> finished = new LinkedHashSet<>();

    public RunsView(int capacity) {
        this.capacity = capacity;
    }

    /** A command the bot published and Kafka acknowledged. */
    public synchronized void requested(CommandReceived command) {
        RunSummary known = runs.get(command.runId());
        String by = command.origin() == null ? null : command.origin().userName();
        if (command.origin() != null && command.origin().userId() != null) {
            requesters.put(command.runId(), command.origin().userId());
        }
        if (known == null) {
            put(new RunSummary(command.runId(), command.target(), command.describe(), "requested", false, by,
                    command.occurredAt(), command.occurredAt()));
        } else {
            runs.put(command.runId(), known.describedAs(null, by));
        }
    }

    public synchronized void accept(RunEvent event) {
        RunSummary known = runs.get(event.runId());
        if (known == null) {
            known = new RunSummary(event.runId(), event.target(), null, "requested", false, null,
                    event.occurredAt(), event.occurredAt());
        }
        if (known.finished() && !(event instanceof RunFinished)) {
            return;
        }
        track(event);
        put(apply(known, event));
    }

    private void track(RunEvent event) {
        switch (event) {
            case ApprovalRequested requested -> {
                waiting.put(event.runId(), requested);
                decided.remove(event.runId());
            }
            case ApprovalGranted g -> decided(g);
            case ApprovalDenied d -> decided(d);
            case ApprovalExpired e -> decided(e);
            case RunFinished f -> waiting.remove(event.runId());
            case RunQueued q when q.origin() != null && q.origin().userId() != null ->
                    requesters.putIfAbsent(event.runId(), q.origin().userId());
            default -> { }
        }
    }

    private void decided(RunEvent decision) {
        ApprovalRequested asked = waiting.remove(decision.runId());
        if (asked != null) {
            decided.put(decision.runId(), decision);
        }
    }

    /** How the approval the run last waited for ended: ApprovalGranted, ApprovalDenied or ApprovalExpired. */
    public synchronized Optional<RunEvent> approvalDecided(String runId) {
        return Optional.ofNullable(decided.get(runId));
    }

    /** The approval a run waits for, if it waits for one. */
    public synchronized Optional<ApprovalRequested> waitingApproval(String runId) {
        return Optional.ofNullable(waiting.get(runId));
    }

    /** The Slack user id (or GitHub login) that asked for the run, if known. */
    public synchronized Optional<String> requester(String runId) {
        return Optional.ofNullable(requesters.get(runId));
    }

    private static RunSummary apply(RunSummary run, RunEvent event) {
        var at = event.occurredAt();
        return switch (event) {
            case RunQueued q -> run.describedAs(q.description(), q.origin() == null ? null : q.origin().userName())
                    .with(q.aheadOf() == 0 ? "queued" : "queued behind " + q.aheadOf()
                            + (q.blockedBy() == null ? "" : " (" + q.blockedBy() + " holds the target)"), false, at);
            case RunStarted s -> run.describedAs(s.description(), s.origin() == null ? null : s.origin().userName())
                    .with("running", false, at);
            case StepStarted s -> run.with("running: step " + s.stepId()
                    + (s.attempt() > 1 ? " (attempt " + s.attempt() + ")" : ""), false, at);
            case StepProgressed p -> run.with("running: step " + p.stepId() + ", " + p.message(), false, at);
            case StepSucceeded s -> run.with("running: step " + s.stepId() + " done", false, at);
            case StepFailed f -> run.with(f.willRetry() ? "running: step " + f.stepId() + " failed, retrying"
                    : "running: step " + f.stepId() + " failed", false, at);
            case FailureDiagnosed d -> run;
            case ApprovalRequested a -> run.with("waiting for approval of step " + a.stepId() + ": "
                    + a.blastRadius(), false, at);
            case ApprovalGranted g -> run.with("running: step " + g.stepId() + " approved", false, at);
            case ApprovalDenied d -> run.with("step " + d.stepId() + " denied", false, at);
            case ApprovalExpired e -> run.with("approval of step " + e.stepId() + " expired", false, at);
            case dev.gpuops.event.RunPlanned p -> run.with("planned " + p.steps().size() + " steps", false, at);
            case RunFinished f -> run.with(finishedState(f), true, at);
        };
    }

    /** "failed: step `x` …": the outcome and the summary's first line, cut at a word; never a traceback. */
    static String finishedState(RunFinished finished) {
        String outcome = finished.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String first = finished.summary() == null ? "" : finished.summary().strip().lines().findFirst().orElse("");
        if (first.length() > STATE_LIMIT) {
            int cut = first.lastIndexOf(' ', STATE_LIMIT - 1);
            first = first.substring(0, cut > STATE_LIMIT / 2 ? cut : STATE_LIMIT - 1).stripTrailing() + "…";
        }
        return first.isBlank() ? outcome : outcome + ": " + first;
    }

    private void put(RunSummary run) {
        runs.remove(run.runId());
        runs.put(run.runId(), run);
        if (run.finished()) {
            finished.remove(run.runId());
            finished.add(run.runId());
        }
        if (runs.size() > capacity) {
            // the run finished longest ago, else the least recently updated one
            String victim = finished.isEmpty() ? runs.keySet().iterator().next() : finished.iterator().next();
            runs.remove(victim);
            requesters.remove(victim);
            decided.remove(victim);
            finished.remove(victim);
        }
    }

    public synchronized Optional<RunSummary> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** In-flight runs first, then finished ones; most recently updated first within each group. */
    public synchronized List<RunSummary> recent(int limit) {
        return recent(limit, run -> true);
    }

    /** As {@link #recent(int)}, of the runs {@code shown} lets through (those the asker may view). */
    public synchronized List<RunSummary> recent(int limit, java.util.function.Predicate<RunSummary> shown) {
        return runs.values().stream()
                .filter(shown)
                .sorted(Comparator.comparing(RunSummary::finished)
                        .thenComparing(RunSummary::updatedAt, Comparator.reverseOrder()))
                .limit(limit)
                .toList();
    }
}
