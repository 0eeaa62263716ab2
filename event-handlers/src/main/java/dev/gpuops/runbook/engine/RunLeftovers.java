package dev.gpuops.runbook.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines a run's RunFinished summary adds after its first line: what the run created that is still there when it
 * stops early (steps report it as the output {@code leftover}), and the finding of a status or diagnose run.
 */
final class RunLeftovers {

    /** Steps that create something billable or visible report it under this output key. */
    static final String OUTPUT = "leftover";
    private static final int FINDING_PART = 110;
    private static final Pattern PROGRAM_STATE = Pattern.compile(
            "([A-Za-z0-9_.@:-]+) is (FATAL|STOPPED|EXITED|BACKOFF|STARTING|STOPPING|UNKNOWN)\\b");

    private RunLeftovers() {
    }

    /** "\nLeft behind: VM a1391361 (gpu_1x_a10, $0.75/h) was launched and is still running; …", or "". */
    static String lines(RunState state) {
        StringBuilder out = new StringBuilder();
        for (String leftover : state.outputValues(OUTPUT)) {
            out.append("\nLeft behind: ").append(leftover);
        }
        return out.toString();
    }

    /** "box-1: unhealthy — services: fastapi FATAL …; health: … refused", from what each failed check reported. */
    static String finding(RunState state) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> failed : state.continuedErrors().entrySet()) {
            parts.add(failed.getKey() + ": " + compact(failed.getValue()));
        }
        String target = state.request().target().name();
        return parts.isEmpty() ? target + ": unhealthy" : target + ": unhealthy — " + String.join("; ", parts);
    }

    /** "3 programs FATAL (fastapi, worker-cpu, worker-gpu)" rather than three copies of supervisord's wording. */
    static String compact(String error) {
        Matcher states = PROGRAM_STATE.matcher(error == null ? "" : error);
        Map<String, List<String>> byState = new LinkedHashMap<>();
        while (states.find()) {
            byState.computeIfAbsent(states.group(2), k -> new ArrayList<>()).add(states.group(1));
        }
        if (byState.isEmpty()) {
            String first = firstSentence(error).replaceFirst("; last: attempt \\d+: ", ": ");
            int dash = first.indexOf(" — ");
            return shorten(dash > 0 ? first.substring(0, dash) : first, FINDING_PART);
        }
        List<String> parts = new ArrayList<>();
        byState.forEach((state, programs) -> parts.add(programs.size() + (programs.size() == 1 ? " program " : " programs ")
                + state + " (" + String.join(", ", programs) + ")"));
        return String.join(", ", parts);
    }

    private static String firstSentence(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        int end = line.indexOf(". ");
        return end > 0 ? line.substring(0, end) : line;
    }

    /** Cut at a word boundary, so a shortened line never ends in half a word. */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > max / 2 ? cut : max - 1).stripTrailing() + "…";
    }
}
