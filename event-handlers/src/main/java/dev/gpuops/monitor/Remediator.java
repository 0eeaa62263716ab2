package dev.gpuops.monitor;

import dev.gpuops.event.CheckResult;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.Events;
import dev.gpuops.event.Incident;
import dev.gpuops.event.Origin;
import dev.gpuops.event.Verb;
import dev.gpuops.monitor.probe.RunPodSignals;
import dev.gpuops.target.Target;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The automatic actions a target opted into, as ordinary commands: restart failed supervisor programs once per
 * incident ({@code remediate.restart: once}); set a RunPod endpoint's workersMax to 0 on the signals named in
 * {@code remediate.scaleToZeroOn}. Purge is never automatic (it drops users' jobs). Production targets are refused
 * unless {@code remediate.production: true}.
 */
public final class Remediator {

    /** What to do for an incident: a command to publish, or a line explaining why nothing is done. */
    public record Decision(Optional<CommandReceived> command, String timeline) {
    }

    private final Clock clock;

    public Remediator(Clock clock) {
        this.clock = clock;
    }

    public Optional<Decision> decide(Target target, Incident incident) {
        Target.Remediate remediate = target.remediate();
        if (remediate == null || incident.providerWide() || !incident.runs().isEmpty()) {
            return Optional.empty();
        }
        Optional<Decision> restart = remediate.restartOnce() ? restart(target, incident) : Optional.empty();
        Optional<Decision> action = restart.isPresent() ? restart : scaleToZero(target, incident, remediate);
        if (action.isPresent() && target.production() && !remediate.allowsProduction()) {
            return Optional.of(new Decision(Optional.empty(), "automatic action refused: " + target.name()
                    + " is production (set remediate.production: true to allow it); suggested: "
                    + action.get().command().map(CommandReceived::describe).orElse("")));
        }
        return action;
    }

    private Optional<Decision> restart(Target target, Incident incident) {
        List<String> failed = failedPrograms(target, incident.failing());
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        String program = failed.size() == 1 ? failed.getFirst() : "";
        CommandReceived command = command(target, incident, Verb.RESTART, Map.of("program", program), "restart");
        return Optional.of(new Decision(Optional.of(command), "automatic restart " + command.runId() + " of "
                + (program.isEmpty() ? "the runtime (" + String.join(", ", failed) + " failed)" : program)));
    }

    private Optional<Decision> scaleToZero(Target target, Incident incident, Target.Remediate remediate) {
        Optional<String> signal = incident.failing().stream().map(CheckResult::check)
                .map(c -> c.substring(c.lastIndexOf('/') + 1))
                .filter(s -> remediate.scaleToZeroOn().contains(s)
                        && (s.equals(RunPodSignals.INIT_LOOP) || s.equals(RunPodSignals.CREDIT_BURN)))
                .findFirst();
        return signal.map(s -> {
            CommandReceived command = command(target, incident, Verb.SCALE, Map.of("count", "0"), "scale-to-zero");
            return new Decision(Optional.of(command), "automatic scale to zero " + command.runId() + " on " + s
                    + ": workersMax 0 stops the burn and keeps the queue (purge is never automatic)");
        });
    }

    private CommandReceived command(Target target, Incident incident, Verb verb, Map<String, String> inputs,
                                    String what) {
        return new CommandReceived(Events.newEventId(), clock.instant(), target.name(), Events.newRunId(clock), verb,
                inputs, new Origin("monitor", target.channel(), "monitor", "gpuops monitor",
                incident.id() + ":" + what));
    }

    /** Programs named first in the supervisor check's evidence ("worker-gpu FATAL (…); fastapi BACKOFF (…)"). */
    static List<String> failedPrograms(Target target, List<CheckResult> failing) {
        if (target.supervisor() == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (CheckResult check : failing) {
            if (!check.check().equals("supervisor-programs")) {
                continue;
            }
            for (String part : check.evidence().split("; ")) {
                String name = part.split(" ", 2)[0];
                if (target.supervisor().programs().contains(name) && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
