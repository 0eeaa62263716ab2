package dev.gpuops.bot.notify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A message as gpuops renders it, before any Slack SDK type: fallback {@code text} plus simple blocks. Kept as plain
 * data so renderers are pure, equality tells whether an update is needed, and redaction happens in one place.
 */
record SlackText(String text, List<Block> blocks) {

    /** Slack rejects section texts over 3000 characters. */
    static final int SECTION_LIMIT = 3000;

    SlackText {
        blocks = List.copyOf(blocks);
    }

    sealed interface Block permits Section, Context, Divider, Actions {
    }

    /** Buttons; {@code value} carries what the click is about (run id and step). */
    record Actions(String blockId, List<Button> buttons) implements Block {
        Actions {
            buttons = List.copyOf(buttons);
        }
    }

    /** @param style primary, danger or null */
    record Button(String actionId, String text, String value, String style) {
    }

    record Section(String mrkdwn) implements Block {
    }

    record Context(String mrkdwn) implements Block {
    }

    record Divider() implements Block {
    }

    /** Text made of sections, one per paragraph; the fallback text is all of them. */
    static SlackText of(List<Block> blocks) {
        String text = blocks.stream().map(block -> switch (block) {
            case Section section -> section.mrkdwn();
            case Context context -> context.mrkdwn();
            case Divider divider -> "";
            case Actions actions -> "";
        }).filter(s -> !s.isEmpty()).collect(Collectors.joining("\n"));
        return new SlackText(text, blocks);
    }

    /** Escapes the three characters Slack's mrkdwn reserves, so user-supplied text cannot form links or mentions. */
    static String escape(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** At most {@code max} characters, cut at a word boundary (mid-word only when one word is that long). */
    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = Math.max(0, max - 1);
        int space = text.lastIndexOf(' ', cut);
        int newline = text.lastIndexOf('\n', cut);
        int boundary = Math.max(space, newline);
        return text.substring(0, boundary > max / 2 ? boundary : cut).stripTrailing() + "…";
    }

    /** {@link #truncate} by another name, for one-line answers. */
    static String shorten(String text, int max) {
        return truncate(text, max);
    }
}
