package dev.gpuops.bot.notify;

import static dev.gpuops.bot.notify.SlackText.escape;
import static dev.gpuops.bot.notify.SlackText.shorten;

import dev.gpuops.event.FailureDiagnosed;
import java.util.ArrayList;
import java.util.List;

/**
 * The line under a finished run's headline that an on-call engineer acts on: on a failure the diagnosis and its fix,
 * on a status the finding, on a change that did not apply what to change, and whatever the run left behind.
 * Everything returned is Slack mrkdwn with user text escaped.
 */
final class RunAnswer {

    static final String LEFT_BEHIND = "Left behind: ";
    private static final int ANSWER_LIMIT = 600;

    private RunAnswer() {
    }

    /** Lines for the root message below the headline; empty when the headline says it all. */
    static List<String> lines(RunView run) {
        List<String> lines = new ArrayList<>();
        if (!run.finished()) {
            return lines;
        }
        String first = escape(first(run.summary()));
        switch (run.outcome()) {
            case FAILED -> lines.add(diagnosed(run.diagnosis()).orElseGet(() -> shorten(first, ANSWER_LIMIT)
                    + " (the thread has the details)"));
            case FOUND_PROBLEMS -> {
                lines.add(shorten(first, ANSWER_LIMIT));
                diagnosed(run.diagnosis()).ifPresent(cause -> lines.add("Likely cause: " + cause));
            }
            case NOT_APPLIED -> lines.add(shorten(first, ANSWER_LIMIT));
            case SUCCEEDED, CANCELLED, REJECTED -> { }
        }
        leftovers(run.summary()).forEach(left -> lines.add(":warning: " + escape(left)));
        return lines;
    }

    /** "*Image pull failed (missing tag…)* — fix: `/gpu …`", from a diagnosis that matched a pattern. */
    private static java.util.Optional<String> diagnosed(FailureDiagnosed diagnosis) {
        if (diagnosis == null || diagnosis.patternId() == null) {
            return java.util.Optional.empty();
        }
        String fix = diagnosis.remediation() != null && !diagnosis.remediation().isBlank()
                ? "`" + escape(diagnosis.remediation()) + "`"
                : shorten(escape(sentence(diagnosis.fix())), 300);
        String title = shorten(escape(sentence(diagnosis.meaning())), 200);
        return java.util.Optional.of("*" + title + "*" + (fix.isBlank() ? "" : " — fix: " + fix));
    }

    /** The first line of a run summary: what happened, without the leftovers that follow. */
    static String first(String summary) {
        return summary == null ? "" : summary.strip().lines().findFirst().orElse("");
    }

    static List<String> leftovers(String summary) {
        return summary == null ? List.of() : summary.lines().filter(l -> l.startsWith(LEFT_BEHIND)).toList();
    }

    /** Up to the first full stop followed by a space: a diagnosis' meaning starts with its title. */
    static String sentence(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("");
        int end = line.indexOf(". ");
        return end > 0 ? line.substring(0, end + 1) : line;
    }
}
