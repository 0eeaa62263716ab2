package dev.gpuops.bot.slack;

import dev.gpuops.bot.slack.ParsedCommand.Rejected;
import dev.gpuops.bot.targets.TargetDirectory;
import dev.gpuops.bot.targets.TargetInfo;
import java.util.stream.Collectors;

/** {@code help}, and the answer to anything the parser refused: what was wrong, then how to say it. */
public class HelpCommandHandler {

    private final CommandUsage usage;
    private final TargetDirectory targets;

    public HelpCommandHandler(CommandUsage usage, TargetDirectory targets) {
        this.usage = usage;
        this.targets = targets;
    }

    public SlackReply help() {
        return SlackReply.ephemeral(usage.full() + "\n" + knownTargets());
    }

    public SlackReply rejected(Rejected rejected) {
        String text = ":warning: " + rejected.problem() + " Nothing was started.\n" + usage.forVerb(rejected.verb());
        return SlackReply.ephemeral(rejected.verb() == null ? text + "\n" + knownTargets() : text);
    }

    private String knownTargets() {
        return "Targets: " + targets.all().stream().map(TargetInfo::name).collect(Collectors.joining(", "));
    }
}
