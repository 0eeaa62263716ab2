package dev.gpuops.bot.slack;

import dev.gpuops.event.Verb;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code /gpu} command after validation. Only {@link RunRequest} and {@link Cancel} publish anything. */
public sealed interface ParsedCommand {

    /**
     * A command that starts a run on {@code target}. Optional arguments are null when not given.
     *
     * @param count worker count for {@code scale}
     * @param force redeploy even if the tag is already running ({@code deploy --force})
     */
    record RunRequest(Verb verb, String target, String tag, String program, Integer count, boolean force,
                      boolean dryRun) implements ParsedCommand {

        public RunRequest(Verb verb, String target, String tag, String program, Integer count, boolean force) {
            this(verb, target, tag, program, count, force, false);
        }

        /** The same request, only planned ({@code /gpu plan …}, {@code --dry-run}). */
        public RunRequest planned() {
            return new RunRequest(verb, target, tag, program, count, force, true);
        }

        /** Runbook inputs: {@code tag}, {@code program}, {@code count}, {@code force} (only those given). */
        public Map<String, String> inputs() {
            Map<String, String> inputs = new LinkedHashMap<>();
            if (tag != null) {
                inputs.put("tag", tag);
            }
            if (program != null) {
                inputs.put("program", program);
            }
            if (count != null) {
                inputs.put("count", Integer.toString(count));
            }
            if (force) {
                inputs.put("force", "true");
            }
            if (dryRun) {
                inputs.put("dryRun", "true");
            }
            return inputs;
        }

        /** "restart box-1 worker-gpu", as the user would type it. */
        public String describe() {
            StringBuilder text = new StringBuilder(verb.key()).append(' ').append(target);
            for (Object arg : new Object[] {tag, program, count}) {
                if (arg != null) {
                    text.append(' ').append(arg);
                }
            }
            if (force) {
                text.append(" --force");
            }
            return dryRun ? "plan " + text : text.toString();
        }
    }

    record ListRuns() implements ParsedCommand {
    }

    record Cancel(String runId) implements ParsedCommand {
    }

    /** {@code approve <run>} / {@code deny <run>}: the text fallback of the approval buttons. */
    record Decide(String runId, boolean approve) implements ParsedCommand {
    }

    /** {@code audit [target]}: the last audit records; {@code target} null for all the user may view. */
    record Audit(String target) implements ParsedCommand {
    }

    record Help() implements ParsedCommand {
    }

    /**
     * @param problem what is wrong, for the user
     * @param verb    the verb whose usage to show, or null for the full usage
     */
    record Rejected(String problem, String verb) implements ParsedCommand {
    }
}
