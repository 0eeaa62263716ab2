package dev.gpuops.bot.slack;

import dev.gpuops.bot.slack.ParsedCommand.Cancel;
import dev.gpuops.bot.slack.ParsedCommand.Help;
import dev.gpuops.bot.slack.ParsedCommand.ListRuns;
import dev.gpuops.bot.slack.ParsedCommand.Rejected;
import dev.gpuops.bot.slack.ParsedCommand.RunRequest;
import dev.gpuops.bot.support.Names;
import dev.gpuops.bot.targets.TargetDirectory;
import dev.gpuops.bot.targets.TargetInfo;
import dev.gpuops.event.Verb;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the text of a {@code /gpu} command into a {@link ParsedCommand}. Strict: every argument must match an
 * allow-list and name something that exists, because arguments end up in SSH commands and provider API calls.
 * Anything that looks like shell syntax is refused outright, before any other check.
 */
public final class CommandParser {

    private static final Pattern SHELL_LIKE = Pattern.compile("[;`$|&<>'\"\\\\(){}\\[\\]*?!~#\\p{Cntrl}]");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,3}");
    private static final int MAX_COUNT = 100;

    private final TargetDirectory targets;

    public CommandParser(TargetDirectory targets) {
        this.targets = targets;
    }

    public ParsedCommand parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        Matcher shell = SHELL_LIKE.matcher(trimmed);
        if (shell.find()) {
            return new Rejected("Refused: the command contains `" + visible(shell.group())
                    + "`. Targets, tags and programs are plain names; nothing is passed to a shell.", null);
        }
        if (trimmed.isEmpty()) {
            return new Help();
        }
        List<String> words = new ArrayList<>(Arrays.asList(trimmed.split(" +")));
        String verb = words.removeFirst().toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "help" -> words.isEmpty() ? new Help() : tooMany(verb, words);
            case "runs" -> words.isEmpty() ? new ListRuns() : tooMany(verb, words);
            case "cancel" -> cancel(words);
            case "approve", "deny" -> decide(verb, words);
            case "plan" -> plan(words);
            case "audit" -> audit(words);
            default -> Verb.parse(verb).map(v -> run(v, words))
                    .orElseGet(() -> new Rejected("Unknown command `" + Mrkdwn.escape(verb) + "`.", null));
        };
    }

    private ParsedCommand cancel(List<String> args) {
        if (args.isEmpty()) {
            return new Rejected("`cancel` needs the id of the run to cancel (see `runs`).", "cancel");
        }
        if (args.size() > 1) {
            return tooMany("cancel", args.subList(1, args.size()));
        }
        String runId = args.getFirst();
        return Names.RUN_ID.matcher(runId).matches() ? new Cancel(runId)
                : new Rejected("`" + Mrkdwn.escape(runId) + "` is not a run id (they look like `r-1a2b3c4d`).",
                "cancel");
    }

    private ParsedCommand audit(List<String> words) {
        if (words.size() > 1) {
            return tooMany("audit", words.subList(1, words.size()));
        }
        if (words.isEmpty()) {
            return new ParsedCommand.Audit(null);
        }
        return targets.find(words.getFirst()).<ParsedCommand>map(t -> new ParsedCommand.Audit(t.name()))
                .orElseGet(() -> new Rejected("Unknown target `" + Mrkdwn.escape(words.getFirst()) + "`.",
                        "audit"));
    }

    private ParsedCommand plan(List<String> words) {
        if (words.isEmpty()) {
            return new Rejected("`plan` needs the command to plan, e.g. `plan restart box-1 worker-gpu`.", "plan");
        }
        String verb = words.removeFirst().toLowerCase(Locale.ROOT);
        return Verb.parse(verb).map(v -> planned(run(v, words)))
                .orElseGet(() -> new Rejected("`plan` plans a run: `" + Mrkdwn.escape(verb) + "` is not a verb "
                        + "that runs anything.", "plan"));
    }

    private static ParsedCommand planned(ParsedCommand command) {
        return command instanceof RunRequest run ? run.planned() : command;
    }

    private ParsedCommand decide(String verb, List<String> args) {
        if (args.size() != 1 || !Names.RUN_ID.matcher(args.getFirst()).matches()) {
            return new Rejected("`" + verb + "` needs the id of the run waiting for approval (like `r-1a2b3c4d`).",
                    verb);
        }
        return new ParsedCommand.Decide(args.getFirst(), verb.equals("approve"));
    }

    private ParsedCommand run(Verb verb, List<String> words) {
        boolean force = false;
        boolean dryRun = false;
        List<String> args = new ArrayList<>();
        for (String word : words) {
            if (word.equals("--dry-run")) {
                dryRun = true;
            } else if (word.equals("--force") && verb == Verb.DEPLOY) {
                force = true;
            } else if (word.startsWith("-")) {
                return new Rejected("Unknown option `" + Mrkdwn.escape(word) + "` for `" + verb.key() + "`.",
                        verb.key());
            } else {
                args.add(word);
            }
        }
        if (args.isEmpty()) {
            return new Rejected("`" + verb.key() + "` needs a target.", verb.key());
        }
        Optional<TargetInfo> target = targets.find(args.getFirst());
        if (target.isEmpty()) {
            return unknownTarget(verb, args.getFirst());
        }
        ParsedCommand parsed = arguments(verb, target.get(), args.subList(1, args.size()), force);
        return dryRun ? planned(parsed) : parsed;
    }

    private ParsedCommand arguments(Verb verb, TargetInfo target, List<String> rest, boolean force) {
        String name = target.name();
        return switch (verb) {
            case PROMOTE, STATUS, DIAGNOSE, PURGE -> rest.isEmpty()
                    ? new RunRequest(verb, name, null, null, null, false) : tooMany(verb.key(), rest);
            case DEPLOY -> rest.size() > 1 ? tooMany(verb.key(), rest.subList(1, rest.size()))
                    : deploy(target, rest.isEmpty() ? null : rest.getFirst(), force);
            case RESTART, LOGS -> rest.size() > 1 ? tooMany(verb.key(), rest.subList(1, rest.size()))
                    : program(verb, target, rest.isEmpty() ? null : rest.getFirst());
            case SCALE -> rest.size() > 1 ? tooMany(verb.key(), rest.subList(1, rest.size()))
                    : scale(target, rest.isEmpty() ? null : rest.getFirst());
        };
    }

    private static ParsedCommand deploy(TargetInfo target, String tag, boolean force) {
        if (tag == null) {
            return new Rejected("`deploy` needs the image tag to deploy, e.g. `canary`.", "deploy");
        }
        if (!Names.TAG.matcher(tag).matches()) {
            return new Rejected("`" + Mrkdwn.escape(tag) + "` is not a valid image tag (letters, digits, `_`, "
                    + "`.`, `-`; at most 128; not starting with `.` or `-`).", "deploy");
        }
        return new RunRequest(Verb.DEPLOY, target.name(), tag, null, null, force);
    }

    private static ParsedCommand program(Verb verb, TargetInfo target, String program) {
        if (program == null) {
            return new RunRequest(verb, target.name(), null, null, null, false);
        }
        if (!Names.PROGRAM.matcher(program).matches()) {
            return new Rejected("`" + Mrkdwn.escape(program) + "` is not a valid program name.", verb.key());
        }
        if (!target.programs().isEmpty() && !target.programs().contains(program)) {
            return new Rejected("`" + program + "` is not a supervisor program of " + target.name() + " ("
                    + String.join(", ", target.programs()) + ").", verb.key());
        }
        return new RunRequest(verb, target.name(), null, program, null, false);
    }

    private static ParsedCommand scale(TargetInfo target, String count) {
        if (count == null || !COUNT.matcher(count).matches() || Integer.parseInt(count) > MAX_COUNT) {
            return new Rejected("`scale` needs a whole number of workers from 0 to " + MAX_COUNT
                    + (count == null ? "." : ", not `" + Mrkdwn.escape(count) + "`."), "scale");
        }
        return new RunRequest(Verb.SCALE, target.name(), null, null, Integer.parseInt(count), false);
    }

    private ParsedCommand unknownTarget(Verb verb, String name) {
        String known = targets.all().stream().map(TargetInfo::name).collect(Collectors.joining(", "));
        return new Rejected("Unknown target `" + Mrkdwn.escape(name) + "`. Known targets: "
                + (known.isEmpty() ? "none (check the targets file)" : known) + ".", verb.key());
    }

    private static Rejected tooMany(String verb, List<String> extra) {
        return new Rejected("Too many arguments for `" + verb + "`: `"
                + Mrkdwn.escape(String.join(" ", extra)) + "`.", verb);
    }

    private static String visible(String character) {
        return switch (character) {
            case "\n" -> "\\n";
            case "\r" -> "\\r";
            case "\t" -> "\\t";
            case "`" -> "backtick";
            default -> character.chars().allMatch(Character::isISOControl) ? "a control character"
                    : Mrkdwn.escape(character);
        };
    }
}
