package dev.gpuops.runbook;

import dev.gpuops.event.Verb;
import dev.gpuops.target.ConfigException;
import dev.gpuops.target.ConfigProblem;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which runbook runs for a verb on a target: the target's own {@code runbooks:} override by name wins, otherwise the
 * one runbook for that verb and the target's provider. Built against the targets so a dangling override or two
 * competing runbooks fail at startup, not on the first command.
 */
public final class RunbookCatalog {

    private final Map<String, Runbook> byName = new LinkedHashMap<>();

    private RunbookCatalog(Collection<Runbook> runbooks) {
        runbooks.forEach(r -> byName.put(r.name(), r));
    }

    /** @throws ConfigException for overrides naming no runbook and for ambiguous verb × provider choices */
    public static RunbookCatalog create(Collection<Runbook> runbooks, Targets targets) {
        RunbookCatalog catalog = new RunbookCatalog(runbooks);
        List<ConfigProblem> problems = new ArrayList<>();
        for (Target target : targets.all()) {
            catalog.checkTarget(target, targets, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return catalog;
    }

    public Optional<Runbook> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<Runbook> all() {
        return byName.values();
    }

    /** @throws NoRunbookException saying which providers the verb does apply to */
    public Runbook select(Verb verb, Target target) {
        Optional<String> override = target.runbookOverride(verb.key());
        if (override.isPresent()) {
            return byName(override.get()).orElseThrow(() -> new NoRunbookException("target " + target.name()
                    + " overrides `" + verb.key() + "` with runbook `" + override.get() + "`, which does not exist"));
        }
        List<Runbook> candidates = candidates(verb, target.provider());
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        if (candidates.isEmpty()) {
            throw new NoRunbookException(missing(verb, target.provider()));
        }
        throw new NoRunbookException(ambiguous(verb, target, candidates));
    }

    private void checkTarget(Target target, Targets targets, List<ConfigProblem> problems) {
        target.runbooks().forEach((verb, name) -> {
            String field = "targets." + target.name() + ".runbooks." + verb;
            Runbook runbook = byName.get(name);
            if (runbook == null) {
                problems.add(new ConfigProblem(targets.fileName(), targets.lineOf(field), field,
                        "no runbook named `" + name + "`; known runbooks: " + String.join(", ", byName.keySet())));
            } else if (!runbook.verb().key().equals(verb)) {
                problems.add(new ConfigProblem(targets.fileName(), targets.lineOf(field), field, "runbook `" + name
                        + "` is for `" + runbook.verb().key() + "`, not `" + verb + "`"));
            }
        });
        for (Verb verb : Verb.values()) {
            List<Runbook> candidates = candidates(verb, target.provider());
            if (candidates.size() > 1 && target.runbookOverride(verb.key()).isEmpty()) {
                String field = "targets." + target.name();
                problems.add(new ConfigProblem(targets.fileName(), targets.lineOf(field), field,
                        ambiguous(verb, target, candidates)));
            }
        }
    }

    private List<Runbook> candidates(Verb verb, String provider) {
        return byName.values().stream().filter(r -> r.verb() == verb && r.appliesTo(provider)).toList();
    }

    private String missing(Verb verb, String provider) {
        TreeSet<String> providers = new TreeSet<>();
        byName.values().stream().filter(r -> r.verb() == verb).forEach(r -> providers.addAll(r.providers()));
        if (providers.isEmpty()) {
            return "no runbook for `" + verb.key() + "` exists; add one with metadata.verb: " + verb.key();
        }
        return "no runbook for `" + verb.key() + "` on provider " + provider + ": " + verb.key() + " applies to "
                + String.join(", ", providers) + " targets";
    }

    private static String ambiguous(Verb verb, Target target, List<Runbook> candidates) {
        return "runbooks " + String.join(", ", candidates.stream().map(r -> r.name() + " (" + r.file() + ")")
                .toList()) + " all handle `" + verb.key() + "` on provider " + target.provider()
                + "; pick one with runbooks: { " + verb.key() + ": <name> } on target " + target.name();
    }
}
