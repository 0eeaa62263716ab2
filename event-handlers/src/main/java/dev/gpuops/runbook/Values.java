package dev.gpuops.runbook;

import dev.gpuops.target.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How resolved values read in runbook text and in {@code when:} conditions. */
public final class Values {

    private Values() {
    }

    /** Scalars the way a runbook author wrote them: durations as {@code 2m}, enums by their lowercase key. */
    public static Object plain(Object value) {
        return switch (value) {
            case null -> null;
            case Duration d -> Durations.format(d);
            case Enum<?> e -> e.name().toLowerCase(Locale.ROOT);
            default -> value;
        };
    }

    /** Inside a longer string: missing is "", lists join with commas, maps as {@code k=v}. */
    public static String text(Object value) {
        return switch (plain(value)) {
            case null -> "";
            case List<?> list -> list.stream().map(Values::text).collect(Collectors.joining(","));
            case Map<?, ?> map -> map.entrySet().stream().map(e -> e.getKey() + "=" + text(e.getValue()))
                    .collect(Collectors.joining(","));
            case Object other -> other.toString();
        };
    }

    /** {@code when:} is false for empty, {@code false}, {@code no}, {@code off}, {@code 0} and empty lists. */
    public static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof List<?> list) {
            return !list.isEmpty();
        }
        String text = text(value).trim().toLowerCase(Locale.ROOT);
        return !(text.isEmpty() || text.equals("false") || text.equals("no") || text.equals("off")
                || text.equals("0"));
    }
}
