package dev.gpuops.target;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration notation of targets and runbooks: {@code 90s}, {@code 2m}, {@code 1h30m}, {@code 500ms}, {@code 0s},
 * or ISO-8601 ({@code PT5M}). Humans write the short form; ISO is accepted because Jackson and Java print it.
 */
public final class Durations {

    public static final String EXPECTED = "expected a duration like 90s, 2m, 1h30m or PT5M";

    private static final Pattern SHORT = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim();
        if (SHORT.matcher(value).matches()) {
            return parseShort(value);
        }
        if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
                if (!parsed.isNegative()) {
                    return parsed;
                }
            } catch (DateTimeParseException e) {
                // fall through to the explanation below
            }
        }
        throw new IllegalArgumentException(EXPECTED + ", not '" + value + "'");
    }

    public static boolean isDuration(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The short form a human would write: {@code 2m}, {@code 1m30s}, {@code 250ms}, {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        long millis = duration.toMillis();
        StringBuilder text = new StringBuilder();
        append(text, millis / 3_600_000, "h");
        append(text, millis / 60_000 % 60, "m");
        append(text, millis / 1000 % 60, "s");
        append(text, millis % 1000, "ms");
        return text.isEmpty() ? duration.toNanos() + "ns" : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }

    private static Duration parseShort(String value) {
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }
}
