package dev.gpuops.bot.slack;

import java.util.LinkedHashMap;
import java.util.Map;

/** The usage text of {@code /gpu}, per verb and in full. */
public final class CommandUsage {

    private static final Map<String, String[]> VERBS = new LinkedHashMap<>();

    static {
        VERBS.put("deploy", new String[] {"deploy <target> <tag> [--force]", "deploy an image tag"});
        VERBS.put("promote", new String[] {"promote <target>", "promote :canary to :stable"});
        VERBS.put("status", new String[] {"status <target>", "health, container and supervisor programs"});
        VERBS.put("restart", new String[] {"restart <target> [program]", "restart the runtime or one program"});
        VERBS.put("logs", new String[] {"logs <target> [program]", "recent log lines"});
        VERBS.put("diagnose", new String[] {"diagnose <target>", "match recent failures to known causes"});
        VERBS.put("purge", new String[] {"purge <target>", "purge the serverless job queue"});
        VERBS.put("scale", new String[] {"scale <target> <n>", "set the worker count (0-100)"});
        VERBS.put("plan", new String[] {"plan <verb> <target> [args]", "what a command would do; runs nothing"});
        VERBS.put("audit", new String[] {"audit [target]", "the last 20 commands, refusals, approvals, outcomes"});
        VERBS.put("runs", new String[] {"runs", "recent and in-flight runs"});
        VERBS.put("cancel", new String[] {"cancel <run-id>", "cancel a queued or running run"});
        VERBS.put("approve", new String[] {"approve <run-id>", "approve the step a run waits at"});
        VERBS.put("deny", new String[] {"deny <run-id>", "deny the step a run waits at (the run is cancelled)"});
        VERBS.put("incidents", new String[] {"incidents", "open incidents"});
        VERBS.put("ack", new String[] {"ack <incident>", "acknowledge an incident"});
        VERBS.put("resolve", new String[] {"resolve <incident> [note]", "resolve an incident by hand"});
        VERBS.put("mute", new String[] {"mute <target> <duration>", "no alerts for a target (maintenance)"});
        VERBS.put("unmute", new String[] {"unmute <target>", "alerts again"});
        VERBS.put("help", new String[] {"help", "this message"});
    }

    private final String command;
    /** Built once: the full usage is part of every {@code help} answer, and formatting it cost more than the rest. */
    private final String full;

    /** How many commands the full usage lists, one line each. */
    static int commandCount() {
        return VERBS.size();
    }

    public CommandUsage(String command) {
        this.command = command;
        this.full = formatFull(command);
    }

    /** "Usage: `/gpu restart &lt;target&gt; [program]`" (Slack-escaped), or the full usage for an unknown verb. */
    public String forVerb(String verb) {
        String[] line = verb == null ? null : VERBS.get(verb);
        return line == null ? full() : "Usage: `" + command + " " + Mrkdwn.escape(line[0]) + "`";
    }

    public String full() {
        return full;
    }

    private static String formatFull(String command) {
        StringBuilder text = new StringBuilder("Usage:\n```\n");
        // padded before escaping, so the columns line up as Slack shows them (&lt; renders as one character)
        VERBS.values().forEach(line -> text.append(Mrkdwn.escape(String.format("%s %-32s %s%n", command,
                line[0], line[1]))));
        return text.append("```").toString();
    }
}
