package dev.gpuops.bot.slack;

/** Slack mrkdwn escaping for text echoed back to users. */
public final class Mrkdwn {

    private Mrkdwn() {
    }

    /** Escapes the three characters Slack treats as control ({@code & < >}), so echoed input cannot ping anyone. */
    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
