package dev.gpuops.bot.notify;

import static dev.gpuops.bot.notify.SlackText.escape;
import static dev.gpuops.bot.notify.SlackText.truncate;

import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.StepFailed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a run's Slack messages: the root line, the step checklist and the failure/diagnosis replies. */
final class RunMessages {

    private static final int EVIDENCE_LIMIT = 1800;

    private RunMessages() {
    }

    /**
     * ":arrow_forward: restart box-1 worker-gpu — running (r-xxxx)", the line that matters once it ends, then who
     * asked. Emoji are Slack's codes, which Slack and the console draw alike.
     */
    static SlackText root(RunView run) {
        String line = headline(run) + " (" + escape(run.runId()) + ")";
        List<SlackText.Block> blocks = new ArrayList<>();
        blocks.add(new SlackText.Section(line));
        List<String> answer = RunAnswer.lines(run);
        if (!answer.isEmpty()) {
            blocks.add(new SlackText.Section(truncate(String.join("\n", answer), SlackText.SECTION_LIMIT)));
        }
        String context = context(run);
        if (!context.isEmpty()) {
            blocks.add(new SlackText.Context(context));
        }
        return SlackText.of(blocks);
    }

    /**
     * The thread reply that tells the requester their run ended (an edit of the root notifies nobody), or null
     * when nobody in Slack asked for it.
     */
    static SlackText finished(RunView run) {
        String user = requester(run);
        if (user == null || !run.finished()) {
            return null;
        }
        List<SlackText.Block> blocks = new ArrayList<>();
        blocks.add(new SlackText.Section("<@" + escape(user) + "> " + headline(run)));
        List<String> answer = RunAnswer.lines(run);
        if (!answer.isEmpty()) {
            blocks.add(new SlackText.Section(truncate(String.join("\n", answer), SlackText.SECTION_LIMIT)));
        }
        return SlackText.of(blocks);
    }

    private static String requester(RunView run) {
        Origin origin = run.origin();
        return origin != null && "slack".equals(origin.source()) && origin.userId() != null
                && !origin.userId().isBlank() ? origin.userId() : null;
    }

    private static String headline(RunView run) {
        String what = escape(run.description());
        if (!run.finished()) {
            if (run.phase() == RunView.Phase.RUNNING) {
                return ":arrow_forward: " + what + " — running";
            }
            return run.aheadOf() > 0
                    ? ":double_vertical_bar: " + what + " — queued behind " + escape(run.blockedBy()) + " ("
                            + run.aheadOf() + " ahead)"
                    : ":arrow_forward: " + what + " — starting";
        }
        String first = escape(firstLine(RunAnswer.first(run.summary())));
        return switch (run.outcome()) {
            case SUCCEEDED -> ":white_check_mark: " + what + " — succeeded" + in(run.duration());
            case FAILED -> ":x: " + what + " — failed" + (run.failedStep() == null ? "" : " at `"
                    + escape(run.failedStep()) + "`") + in(run.duration());
            case CANCELLED -> ":stop_button: " + what + " — " + (first.isEmpty() ? "cancelled" : first);
            case REJECTED -> ":no_entry: " + what + " — rejected" + (first.isEmpty() ? "" : ": " + first);
            case NOT_APPLIED -> ":warning: " + what + " — not applied";
            case FOUND_PROBLEMS -> ":red_circle: " + what + " — found problems";
            case INTERRUPTED -> ":octagonal_sign: " + what + " — INTERRUPTED" + (first.isEmpty() ? "" : ": " + first);
        };
    }

    /** The root stays one readable line; the thread carries the full error and the diagnosis. */
    static String firstLine(String summary) {
        String first = summary.strip().lines().findFirst().orElse("");
        return first.length() <= 240 ? first : truncate(first, 240) + " (details in the thread)";
    }

    private static String context(RunView run) {
        List<String> parts = new ArrayList<>();
        String user = requester(run);
        if (user != null) {
            parts.add("requested by <@" + escape(user) + "> with `/gpu " + escape(run.description()) + "`");
        } else if (run.origin() != null && run.origin().source() != null) {
            parts.add("from " + escape(run.origin().source()) + (run.origin().userName() == null ? ""
                    : " (" + escape(run.origin().userName()) + ")"));
        }
        if (run.runbook() != null) {
            parts.add("runbook `" + escape(run.runbook()) + "`");
        }
        return String.join(" · ", parts);
    }

    /** The checklist, updated in place as the run moves. */
    static SlackText status(RunView run) {
        List<String> lines = new ArrayList<>();
        lines.add("*Steps* (" + escape(run.runId()) + ")");
        for (RunView.Step step : run.steps()) {
            lines.add(stepLine(step, run));
        }
        List<SlackText.Block> blocks = new ArrayList<>();
        blocks.add(new SlackText.Section(truncate(String.join("\n", lines), SlackText.SECTION_LIMIT)));
        if (run.latestProgress() != null && !run.finished()) {
            blocks.add(new SlackText.Context("Latest: " + truncate(escape(run.latestProgress()), 500)));
        }
        ApprovalMessages.append(run, blocks);
        if (run.finished()) {
            blocks.add(new SlackText.Section("*Result:* " + headline(run)));
        }
        return SlackText.of(blocks);
    }

    private static String stepLine(RunView.Step step, RunView run) {
        if (run.finished() && step.state == StepState.RUNNING && run.outcome() == RunOutcome.CANCELLED) {
            return ":stop_button: `" + escape(step.id) + "`"
                    + (step.description == null ? "" : " " + escape(step.description))
                    + " — stopped (cancelled)";
        }
        if (run.finished() && step.state == StepState.RUNNING && run.outcome() == RunOutcome.NOT_APPLIED) {
            return ":warning: `" + escape(step.id) + "`"
                    + (step.description == null ? "" : " " + escape(step.description))
                    + " — not applied";
        }
        StringBuilder line = new StringBuilder(step.state.mark()).append(" `").append(escape(step.id)).append('`');
        if (step.description != null && !step.description.isBlank()) {
            line.append(' ').append(escape(step.description));
        }
        switch (step.state) {
            case DONE -> line.append(" — ").append(format(step.duration));
            case RUNNING -> line.append(" — running").append(step.attempt > 1 ? " (attempt " + step.attempt + ")" : "");
            case RETRYING -> line.append(" — retrying (attempt ").append(step.attempt).append(" failed)");
            case FAILED -> line.append(" — failed").append(step.duration == null ? "" : " after " + format(step.duration));
            case PENDING -> { }
        }
        if (step.state == StepState.DONE && step.note != null && !step.note.isBlank()) {
            line.append(" · ").append(truncate(escape(step.note), 200));
        }
        return line.toString();
    }

    /** A thread reply for each failed attempt, with the (already redacted) error. */
    static SlackText stepFailed(StepFailed failed) {
        String head = ":x: `" + escape(failed.stepId()) + "` failed (attempt " + failed.attempt()
                + (failed.duration() == null ? "" : ", " + format(failed.duration())) + ")"
                + (failed.willRetry() ? " — will retry" : "");
        List<SlackText.Block> blocks = new ArrayList<>();
        blocks.add(new SlackText.Section(head));
        if (failed.error() != null && !failed.error().isBlank()) {
            blocks.add(new SlackText.Section(codeBlock(failed.error())));
        }
        return SlackText.of(blocks);
    }

    /** What the diagnosis engine concluded: symptom lines, meaning, fix and the command that remedies it. */
    static SlackText diagnosis(FailureDiagnosed diagnosis) {
        List<SlackText.Block> blocks = new ArrayList<>();
        if (diagnosis.patternId() == null) {
            blocks.add(new SlackText.Section(":stethoscope: No known failure pattern matched `"
                    + escape(diagnosis.stepId())
                    + "`. Last lines:"));
        } else {
            blocks.add(new SlackText.Section(":stethoscope: *Diagnosis* for `" + escape(diagnosis.stepId()) + "`: "
                    + escape(diagnosis.meaning())));
            blocks.add(new SlackText.Context("pattern `" + escape(diagnosis.patternId()) + "` · "
                    + Math.round(diagnosis.confidence() * 100) + "% confidence" + alsoPossible(diagnosis)));
        }
        if (!diagnosis.evidence().isEmpty()) {
            blocks.add(new SlackText.Section(codeBlock(String.join("\n", diagnosis.evidence()))));
        }
        if (diagnosis.fix() != null && !diagnosis.fix().isBlank()) {
            blocks.add(new SlackText.Section("*Fix:* " + truncate(escape(diagnosis.fix()), 1500)));
        }
        if (diagnosis.remediation() != null && !diagnosis.remediation().isBlank()) {
            blocks.add(new SlackText.Section("*Remediation:* `" + escape(diagnosis.remediation()) + "`"));
        }
        return SlackText.of(blocks);
    }

    /** " · also possible: `cuda-oom` CUDA out of memory (61%)" when runner-ups scored close to the best. */
    private static String alsoPossible(FailureDiagnosed diagnosis) {
        return diagnosis.alsoPossible().isEmpty() ? "" : " · also possible: " + diagnosis.alsoPossible().stream()
                .map(a -> "`" + escape(a.patternId()) + "` " + escape(a.title()) + " (" + Math.round(a.confidence() * 100)
                        + "%)")
                .collect(Collectors.joining(", "));
    }

    private static String codeBlock(String raw) {
        String escaped = escape(raw).replace("```", "ʼʼʼ");
        if (escaped.length() <= EVIDENCE_LIMIT) {
            return "```" + escaped + "```";
        }
        return "```" + truncate(escaped, EVIDENCE_LIMIT) + "```\n_Cut here; `/gpu logs` on the target shows the"
                + " rest._";
    }

    private static String in(Duration duration) {
        return duration == null ? "" : " in " + format(duration);
    }

    /** 0.4s, 12s, 1m 12s, 1h 02m: short enough for a checklist line. */
    static String format(Duration duration) {
        if (duration == null) {
            return "?";
        }
        long millis = duration.toMillis();
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m " + (seconds % 60) + "s";
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
