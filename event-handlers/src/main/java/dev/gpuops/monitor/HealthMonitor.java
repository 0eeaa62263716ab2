package dev.gpuops.monitor;

import dev.gpuops.event.CheckResult;
import dev.gpuops.event.HealthCheckFailed;
import dev.gpuops.event.HealthRecovered;
import dev.gpuops.event.MonitorEvent;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the targets this replica owns on their intervals, feeds each target's {@link TargetHealth}, and turns its
 * transitions into events: {@code HealthCheckFailed}/{@code HealthRecovered}, incident events through the
 * {@link IncidentDesk}, and the automatic actions the {@link Remediator} allows. {@link #tick} is driven by a timer
 * in a deployment and by tests directly, with a fixed clock.
 */
public final class HealthMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final Targets targets;
    private final ProbeRunner runner;
    private final IncidentDesk desk;
    private final IncidentResponse response;
    private final MonitorSink sink;
    private final Clock clock;
    private final Duration intervalOverride;
    private final Map<String, TargetHealth> health = new ConcurrentHashMap<>();
    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Predicate<String> owns = t -> true;
    private volatile ProbeListener listener = ProbeListener.NONE;
    private volatile java.util.function.BiConsumer<String, CheckResult.Status> probed = (provider, verdict) -> { };

    /** @param intervalOverride a probe interval for every target (the demo's short one), or null */
    public HealthMonitor(Targets targets, ProbeRunner runner, IncidentDesk desk, Remediator remediator,
                         MonitorSink sink, Clock clock, Duration intervalOverride) {
        this.targets = targets;
        this.runner = runner;
        this.desk = desk;
        this.response = new IncidentResponse(targets, desk, remediator, sink, clock);
        this.sink = sink;
        this.clock = clock;
        this.intervalOverride = intervalOverride;
    }

    /** Which targets this replica probes: those whose key's partition it is assigned. */
    public void ownership(Predicate<String> owner) {
        this.owns = owner;
        desk.ownership(owner);
    }

    public void probeListener(ProbeListener probeListener) {
        this.listener = probeListener;
    }

    /** Who hears each probe's verdict with the target's provider (the bot's metrics). Quick, never throws. */
    public void onProbe(java.util.function.BiConsumer<String, CheckResult.Status> listener) {
        this.probed = listener == null ? (provider, verdict) -> { } : listener;
    }

    public boolean owns(String target) {
        return owns.test(target);
    }

    public IncidentBook incidents() {
        return desk.book();
    }

    MonitorPolicy policy(Target target) {
        MonitorPolicy policy = MonitorPolicy.of(target);
        return intervalOverride == null ? policy : policy.every(intervalOverride);
    }

    /** Starts the probes that are due; returns when they are started, not finished. */
    public List<CompletableFuture<Void>> tick() {
        Instant now = clock.instant();
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (String name : targets.names()) {
            Target target = targets.find(name).orElseThrow();
            MonitorPolicy policy = policy(target);
            if (!policy.enabled() || !owns(name) || inFlight.containsKey(name)
                    || due.getOrDefault(name, Instant.MIN).isAfter(now)) {
                continue;
            }
            Instant wasDue = due.put(name, now.plus(wasDueBefore(name) ? policy.interval()
                    : phase(name, policy.interval())));
            CompletableFuture<Void> probe = new CompletableFuture<>();
            inFlight.put(name, probe);
            threads.execute(() -> probeTimed(target, policy, wasDue, probe));
            started.add(probe);
        }
        response.publishAll(desk.flush(now));
        return started;
    }

    private boolean wasDueBefore(String name) {
        return due.containsKey(name);
    }

    /**
     * When a target's second probe is due: a share of the interval fixed by its name, so that targets started
     * together (every target, when a replica starts) are probed spread over the interval afterwards instead of all
     * in the same second. With thousands of targets a burst costs a connection per concurrent probe and a queue of
     * probes behind them; spread, a few connections serve them all.
     */
    static Duration phase(String name, Duration interval) {
        long millis = Math.max(1, interval.toMillis());
        return Duration.ofMillis(1 + Math.floorMod(name.hashCode() * 0x9E3779B1L, millis));
    }

    private void probeTimed(Target target, MonitorPolicy policy, Instant wasDue, CompletableFuture<Void> done) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        try {
            probe(target, policy);
            listener.probed(target.name(), wasDue, startedAt, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            LOG.warn("probe of {} failed: {}", target.name(), e.toString());
        } finally {
            inFlight.remove(target.name());
            done.complete(null);
        }
    }

    /** Probes due targets and waits for them, then opens held incidents that are due: for tests and the bench. */
    public void tickAndWait() {
        CompletableFuture.allOf(tick().toArray(CompletableFuture[]::new)).join();
        response.publishAll(desk.flush(clock.instant()));
    }

    private void probe(Target target, MonitorPolicy policy) {
        ProbeRound round = runner.probe(target, policy.probeTimeout());
        probed.accept(target.provider(), round.verdict());
        observe(target, policy, round);
    }

    void observe(Target target, MonitorPolicy policy, ProbeRound round) {
        TargetHealth state = health.computeIfAbsent(target.name(), n -> new TargetHealth(n, policy));
        synchronized (state) {
            Optional<Transition> transition = state.observe(round);
            transition.ifPresent(t -> response.transitioned(target, t, round));
            if (transition.isEmpty() && state.state() == HealthState.FAILING
                    && round.verdict() == CheckResult.Status.FAILING && !state.lastMuted()) {
                response.escalateIfRemediationFailed(target, round);
            }
        }
    }

    /**
     * A transition another replica published (read back from {@code gpuops.health}): counted for grouping, and
     * written into the provider-wide incident when this replica owns it. This replica's own ones are skipped.
     */
    public void heard(MonitorEvent event) {
        response.heard(event);
    }

    public void runStarted(String target, String runId) {
        stateOf(target).ifPresent(s -> {
            synchronized (s) {
                s.runStarted(runId);
            }
        });
    }

    public void runFinished(String target, String runId) {
        stateOf(target).ifPresent(s -> {
            synchronized (s) {
                s.runFinished(runId);
            }
        });
        response.runFinished(target, runId);
    }

    /**
     * After an assignment: the runs in flight on every target this replica owns now, by target, from the durable
     * run state, since the run log's earlier records were read by the previous owner (or before a restart).
     */
    public void runsInFlight(Map<String, java.util.Set<String>> byTarget) {
        for (String name : targets.names()) {
            if (owns(name)) {
                stateOf(name).ifPresent(s -> {
                    synchronized (s) {
                        s.runsInFlight(byTarget.getOrDefault(name, java.util.Set.of()));
                    }
                });
            }
        }
    }

    /** @throws IllegalArgumentException for a target not in the targets file */
    public void mute(String target, Instant until) {
        stateOf(target).orElseThrow(() -> unknown(target)).muteUntil(until);
    }

    public void unmute(String target) {
        stateOf(target).orElseThrow(() -> unknown(target)).unmute();
    }

    /** The monitor's view of one target, one line for {@code /gpu status}. */
    public String view(String name) {
        Optional<Target> target = targets.find(name);
        if (target.isEmpty()) {
            return "not monitored (not in the targets file)";
        }
        if (!policy(target.get()).enabled()) {
            return "off for this target (monitor: { enabled: false })";
        }
        if (!owns(name)) {
            return "probed by another gpuops replica (this one does not own the target's partition)";
        }
        TargetHealth state = health.get(name);
        if (state == null) {
            return "not probed yet";
        }
        synchronized (state) {
            return state.describe(clock.instant());
        }
    }

    public Optional<String> describe(String target) {
        return stateOf(target).map(s -> s.describe(clock.instant()));
    }

    private Optional<TargetHealth> stateOf(String name) {
        return targets.find(name).map(t -> health.computeIfAbsent(name, n -> new TargetHealth(n, policy(t))));
    }

    private IllegalArgumentException unknown(String target) {
        return new IllegalArgumentException("unknown target `" + target + "`; known targets: "
                + String.join(", ", targets.names()));
    }

    @Override
    public void close() {
        threads.shutdownNow();
        runner.close();
    }
}
