package dev.gpuops.bot.support;

import java.util.regex.Pattern;

/**
 * The shapes of the values users and webhooks may hand to gpuops. They end up in SSH commands and API calls, so
 * they are allow-lists, checked before anything is published.
 */
public final class Names {

    /** OCI tag grammar. */
    public static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    /** supervisord program names (group:name allowed). */
    public static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}");
    /** Run ids as minted by {@code Events.newRunId}. */
    public static final Pattern RUN_ID = Pattern.compile("r-[0-9a-z]{8}");

    private Names() {
    }

    /** For log lines: user text without control characters, capped, so it cannot forge or flood log records. */
    public static String loggable(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }
}
