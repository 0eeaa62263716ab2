package dev.gpuops.bot.slack;

import dev.gpuops.bot.slack.ParsedCommand.Rejected;
import dev.gpuops.bot.targets.TargetDirectory;
import dev.gpuops.bot.targets.TargetInfo;
import java.util.List;
import java.util.stream.Collectors;

/** {@code help}, and the answer to anything the parser refused: what was wrong, then how to say it. */
public class HelpCommandHandler {

    private final CommandUsage usage;
    private final TargetDirectory targets;
    /** The last targets list and its line; {@code help} is answered from it while the directory returns that list. */
    private volatile Listed listed = new Listed(null, null, null);

    private record Listed(List<TargetInfo> targets, String line, SlackReply help) {
    }

    public HelpCommandHandler(CommandUsage usage, TargetDirectory targets) {
        this.usage = usage;
        this.targets = targets;
    }

    public SlackReply help() {
        return listed().help();
    }

    public SlackReply rejected(Rejected rejected) {
        String text = ":warning: " + rejected.problem() + " Nothing was started.\n" + usage.forVerb(rejected.verb());
        return SlackReply.ephemeral(rejected.verb() == null ? text + "\n" + listed().line() : text);
    }

    private Listed listed() {
        List<TargetInfo> all = targets.all();
        Listed last = listed;
        if (last.targets() != all) {
            String line = "Targets: " + all.stream().map(TargetInfo::name).collect(Collectors.joining(", "));
            last = new Listed(all, line, SlackReply.ephemeral(usage.full() + "\n" + line));
            listed = last;
        }
        return last;
    }
}
