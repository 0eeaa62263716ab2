package dev.gpuops.runbook.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lines a run's RunFinished summary adds after its first line: what the run created that is still there when it
 * stops early (steps report it as the output {@code leftover}), and the finding of a status or diagnose run.
 */
final class RunLeftovers {

    /** Steps that create something billable or visible report it under this output key. */
    static final String OUTPUT = "leftover";
    private static final int FINDING_PART = 110;

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
            parts.add(failed.getKey() + ": " + shorten(firstSentence(failed.getValue()), FINDING_PART));
        }
        String target = state.request().target().name();
        return parts.isEmpty() ? target + ": unhealthy" : target + ": unhealthy — " + String.join("; ", parts);
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
