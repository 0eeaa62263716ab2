package dev.gpuops.access;

import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.Origin;
import dev.gpuops.target.Target;
import java.util.Optional;

/**
 * The handlers' re-check of a consumed command: Kafka is a trust boundary, so a {@link CommandReceived} is judged
 * again (inputs allow-list, access policy) whether or not the ingress already did.
 */
public final class CommandGuard {

    private final AccessControl access;

    public CommandGuard(AccessControl access) {
        this.access = access;
    }

    public AccessControl access() {
        return access;
    }

    /** @return why the command must not run, or empty to run it */
    public Optional<String> refusal(CommandReceived command, Target target) {
        Optional<String> inputs = CommandInputs.problem(command.verb(), command.inputs());
        if (inputs.isPresent()) {
            return Optional.of("Refused: " + inputs.get() + "; nothing was run.");
        }
        Origin origin = command.origin();
        String source = origin == null || origin.source() == null ? "" : origin.source();
        return switch (source) {
            case "slack" -> refusalText(access.command(CommandInputs.dryRun(command.inputs()) ? "plan"
                    : command.verb().key(), target, origin.userId(), origin.channel()));
            case "github" -> github(command, target);
            case "monitor" -> monitor(command, target);
            default -> Optional.of("Refused: a command from source `" + source + "` is not accepted; commands come "
                    + "from Slack or from a subscribed GitHub repository.");
        };
    }

    /**
     * The health monitor may only diagnose, and repair as far as the target's own {@code remediate:} allows
     * (restart once, RunPod scale to 0), never on production unless {@code remediate.production}. A record that
     * claims to come from the monitor gets no more than the monitor itself could do.
     */
    private static Optional<String> monitor(CommandReceived command, Target target) {
        String verb = command.verb().key();
        if (verb.equals("diagnose")) {
            return Optional.empty();
        }
        Target.Remediate remediate = target.remediate();
        boolean allowedHere = remediate != null && (!target.production() || remediate.allowsProduction());
        boolean restart = verb.equals("restart") && allowedHere && remediate.restartOnce();
        boolean scaleToZero = verb.equals("scale") && allowedHere && !remediate.scaleToZeroOn().isEmpty()
                && "0".equals(command.inputs().get("count"));
        return restart || scaleToZero ? Optional.empty() : Optional.of("Refused: the monitor may not `" + verb
                + "` " + target.name() + "; its `remediate:` does not allow it.");
    }

    /** Webhook deploys are authenticated by the ingress (HMAC); the handlers accept only what a subscription allows. */
    private static Optional<String> github(CommandReceived command, Target target) {
        if (!command.verb().key().equals("deploy") || target.github() == null) {
            return Optional.of("Refused: a GitHub-originated `" + command.verb().key() + "` on " + target.name()
                    + "; only a target with a `github:` subscription is deployed from GitHub.");
        }
        String tag = command.inputs().get("tag");
        if (tag == null || !tag.equals(target.github().tag())) {
            return Optional.of("Refused: GitHub may deploy only the configured tag `" + target.github().tag()
                    + "` to " + target.name() + ".");
        }
        return Optional.empty();
    }

    public static Optional<String> refusalText(AccessDecision decision) {
        return switch (decision) {
            case AccessDecision.Allowed allowed -> Optional.empty();
            case AccessDecision.Refused refused -> Optional.of(refused.reason());
        };
    }
}
