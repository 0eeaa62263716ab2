package dev.gpuops.access;

import dev.gpuops.event.Verb;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The allow-list of command inputs (keys and value shapes), as the Slack and GitHub ingress produce them. The handlers apply it to every
 * consumed command: a record that did not come through ingress may carry anything, and inputs end up in SSH
 * commands and provider API calls.
 */
public final class CommandInputs {

    /** OCI tag grammar (same as the ingress parser). */
    public static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    /** supervisord program names (group:name allowed). */
    public static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}");
    /** Any verb: plan the run instead of running it ({@code /gpu plan}, {@code --dry-run}). */
    public static final String DRY_RUN = "dryRun";
    /** Every input the ingress produces; a runbook ignores those it does not declare. */
    private static final Set<String> KEYS = Set.of("tag", "program", "count", "force", DRY_RUN);
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,3}");
    private static final int MAX_COUNT = 100;

    private CommandInputs() {
    }

    /** @return what is wrong with the inputs, or empty when every key is allowed for the verb and well-formed */
    public static Optional<String> problem(Verb verb, Map<String, String> inputs) {
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            if (!KEYS.contains(input.getKey())) {
                return Optional.of("input `" + input.getKey() + "` is not accepted by `" + verb.key() + "`");
            }
            if (!valid(input.getKey(), input.getValue())) {
                return Optional.of("input `" + input.getKey() + "` has a value that is not allowed");
            }
        }
        return Optional.empty();
    }

    /** Whether the command only plans (needs viewer permission, runs nothing). */
    public static boolean dryRun(Map<String, String> inputs) {
        return "true".equals(inputs.get(DRY_RUN));
    }

    private static boolean valid(String key, String value) {
        if (value == null) {
            return false;
        }
        return switch (key) {
            case "tag" -> TAG.matcher(value).matches();
            case "program" -> PROGRAM.matcher(value).matches();
            case "count" -> COUNT.matcher(value).matches() && Integer.parseInt(value) <= MAX_COUNT;
            case "force", DRY_RUN -> value.equals("true") || value.equals("false");
            default -> false;
        };
    }
}
