package dev.gpuops.monitor;

import dev.gpuops.event.CheckResult;
import dev.gpuops.event.HealthCheckFailed;
import dev.gpuops.event.Incident;
import dev.gpuops.event.IncidentEvent;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns health transitions into incident events. A failing target waits {@code hold} before its incident opens so
 * that a provider outage, where many targets fail in the same probe round, becomes one provider-wide incident
 * ({@code groupSize} or more targets of one provider failing within {@code groupWindow}) instead of N channels.
 *
 * <p>With several replicas every desk hears every replica's transitions (they are on {@code gpuops.health}), so
 * all desks count the same failures; each incident still has one writer: a target's own incident is written by the
 * replica that owns the target, a provider-wide one by the replica that owns the key {@code provider:<name>}.
 * The others only keep count.
 */
public final class IncidentDesk {

    private record Pending(Target target, HealthCheckFailed failed) {
    }

    private record Failure(String target, Instant at) {
    }

    private final IncidentBook book;
    private final Duration hold;
    private final Duration groupWindow;
    private final int groupSize;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Deque<Failure>> recent = new LinkedHashMap<>();
    private final Map<String, Set<String>> recoveredMembers = new LinkedHashMap<>();
    private volatile Predicate<String> owns = key -> true;

    public IncidentDesk(IncidentBook book, Duration hold, Duration groupWindow, int groupSize) {
        this.book = book;
        this.hold = hold;
        this.groupWindow = groupWindow;
        this.groupSize = groupSize;
    }

    public static IncidentDesk withDefaults(IncidentBook book) {
        return new IncidentDesk(book, Duration.ofSeconds(10), Duration.ofMinutes(2), 3);
    }

    public IncidentBook book() {
        return book;
    }

    /** Which keys (targets, {@code provider:<name>}) this replica writes incidents for; all of them by default. */
    public void ownership(Predicate<String> owner) {
        this.owns = owner;
    }

    private boolean writes(Incident incident) {
        return owns.test(incident.target());
    }

    public synchronized List<IncidentEvent> failed(Target target, HealthCheckFailed failed) {
        Optional<Incident> open = book.openFor(target.name());
        if (open.isPresent()) {
            if (!writes(open.get()) || !failed.occurredAt().isAfter(open.get().openedAt())) {
                return List.of();
            }
            Set<String> back = recoveredMembers.get(open.get().id());
            if (back != null) {
                back.remove(target.name());
            }
            return List.of(book.failingChanged(open.get(), failed.failing(), failed.occurredAt()));
        }
        pending.put(target.name(), new Pending(target, failed));
        recent.computeIfAbsent(target.provider(), p -> new ArrayDeque<>())
                .add(new Failure(target.name(), failed.occurredAt()));
        return List.of();
    }

    public synchronized List<IncidentEvent> relapsed(Target target, List<CheckResult> failing, Instant now) {
        return book.openFor(target.name()).filter(this::writes)
                .<List<IncidentEvent>>map(i -> List.of(book.failingChanged(i, failing, now))).orElse(List.of());
    }

    public synchronized List<IncidentEvent> recovered(Target target, Instant now) {
        if (pending.remove(target.name()) != null) {
            return List.of();
        }
        Optional<Incident> open = book.openFor(target.name()).filter(this::writes);
        if (open.isEmpty()) {
            return List.of();
        }
        Incident incident = open.get();
        if (!incident.providerWide()) {
            return List.of(book.resolve(incident.id(), "monitor", null, now));
        }
        Set<String> back = recoveredMembers.computeIfAbsent(incident.id(), id -> new HashSet<>());
        back.add(target.name());
        if (back.containsAll(incident.members())) {
            recoveredMembers.remove(incident.id());
            return List.of(book.resolve(incident.id(), "monitor", null, now));
        }
        return List.of(book.update(incident, target.name() + " recovered", now));
    }

    /** Opens the incidents whose hold has passed; call it after every probe round (and on a timer). */
    public synchronized List<IncidentEvent> flush(Instant now) {
        List<IncidentEvent> events = new ArrayList<>();
        Map<String, List<Pending>> due = new LinkedHashMap<>();
        for (Pending p : List.copyOf(pending.values())) {
            if (!p.failed().occurredAt().plus(hold).isAfter(now)) {
                pending.remove(p.target().name());
                due.computeIfAbsent(p.target().provider(), k -> new ArrayList<>()).add(p);
            }
        }
        due.forEach((provider, ready) -> events.addAll(open(provider, ready, now)));
        return events;
    }

    private List<IncidentEvent> open(String provider, List<Pending> ready, Instant now) {
        Optional<Incident> wide = book.openProviderWide(provider);
        boolean grouped = wide.isPresent() || recentTargets(provider, now).size() >= groupSize;
        if (grouped && !owns.test("provider:" + provider)) {
            return List.of();
        }
        if (wide.isPresent()) {
            List<IncidentEvent> events = new ArrayList<>();
            Incident current = wide.get();
            for (Pending p : ready) {
                var added = book.addMember(current, p.target().name(), now);
                current = added.incident();
                events.add(added);
            }
            return events;
        }
        if (recentTargets(provider, now).size() < groupSize) {
            return ready.stream().filter(p -> owns.test(p.target().name())).<IncidentEvent>map(p -> book.open(
                    p.target().name(), provider,
                    p.target().channel(), List.of(p.target().name()), p.failed().failing(),
                    p.failed().failingSince(), now)).toList();
        }
        List<CheckResult> failing = ready.stream().flatMap(p -> p.failed().failing().stream()
                .map(c -> new CheckResult(p.target().name() + "/" + c.check(), c.status(), c.evidence()))).toList();
        Instant since = ready.stream().map(p -> p.failed().failingSince()).min(Instant::compareTo).orElse(now);
        return List.of(book.open("provider:" + provider, provider, ready.getFirst().target().channel(),
                ready.stream().map(p -> p.target().name()).toList(), failing, since, now));
    }

    private Set<String> recentTargets(String provider, Instant now) {
        Deque<Failure> failures = recent.getOrDefault(provider, new ArrayDeque<>());
        while (!failures.isEmpty() && failures.peekFirst().at().isBefore(now.minus(groupWindow))) {
            failures.removeFirst();
        }
        Set<String> names = new HashSet<>();
        failures.forEach(f -> names.add(f.target()));
        return names;
    }
}
