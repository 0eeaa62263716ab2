package dev.gpuops.sandbox;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fleet's {@code ${sandbox.…}} placeholders in targets templates. */
final class FleetPlaceholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(sandbox\\.[A-Za-z0-9_.-]+)}");

    private FleetPlaceholders() {
    }

    /** Replaces every {@code ${sandbox.…}} in {@code template}; an unknown placeholder is an error. */
    static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1).substring("sandbox.".length());
            String value = values.get(key);
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder ${" + m.group(1) + "}; known: sandbox."
                        + String.join(", sandbox.", values.keySet()));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
