package dev.gpuops.monitor;

import dev.gpuops.event.CheckResult;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One target's health state machine. Not thread-safe: the monitor feeds one target's probes one at a time.
 *
 * <p>Unknown probes (provider API unreachable, probe timed out) neither count towards failing nor towards
 * recovering: our own network blip never opens an incident and never closes one. While the target is muted (a gpuops
 * run in flight and {@code recoverAfter} probes after it, or {@code /gpu mute}) failing probes do not count towards
 * an alert, but passing probes still count towards recovery.
 */
public final class TargetHealth {

    private final String target;
    private final int failAfter;
    private final int recoverAfter;
    private HealthState state = HealthState.HEALTHY;
    private int streak;
    private Instant failingSince;
    private ProbeRound last;
    private final Set<String> runs = new HashSet<>();
    private int graceProbes;
    private Instant mutedUntil;
    private boolean lastMuted;

    public TargetHealth(String target, MonitorPolicy policy) {
        this.target = target;
        this.failAfter = policy.failAfter();
        this.recoverAfter = policy.recoverAfter();
    }

    public Optional<Transition> observe(ProbeRound round) {
        boolean muted = muted(round.at());
        lastMuted = muted;
        if (graceProbes > 0 && runs.isEmpty()) {
            graceProbes--;
        }
        last = round;
        return switch (round.verdict()) {
            case UNKNOWN -> Optional.empty();
            case FAILING -> failing(round, muted);
            case OK -> passing();
        };
    }

    private Optional<Transition> failing(ProbeRound round, boolean muted) {
        switch (state) {
            case HEALTHY, SUSPECT -> {
                if (muted) {
                    state = HealthState.HEALTHY;
                    streak = 0;
                    return Optional.empty();
                }
                if (state == HealthState.HEALTHY) {
                    failingSince = round.at();
                    streak = 0;
                }
                streak++;
                state = HealthState.SUSPECT;
                if (streak >= failAfter) {
                    state = HealthState.FAILING;
                    return Optional.of(new Transition.Failed(round.failing(), failingSince));
                }
                return Optional.empty();
            }
            case RECOVERING -> {
                state = HealthState.FAILING;
                return Optional.of(new Transition.Relapsed(round.failing()));
            }
            case FAILING -> {
                return Optional.empty();
            }
        }
        throw new IllegalStateException(state.name());
    }

    private Optional<Transition> passing() {
        switch (state) {
            case HEALTHY, SUSPECT -> {
                state = HealthState.HEALTHY;
                streak = 0;
                return Optional.empty();
            }
            case FAILING -> {
                state = HealthState.RECOVERING;
                streak = 0;
            }
            case RECOVERING -> {
            }
        }
        streak++;
        if (streak >= recoverAfter) {
            Instant since = failingSince;
            state = HealthState.HEALTHY;
            streak = 0;
            failingSince = null;
            return Optional.of(new Transition.Recovered(since));
        }
        return Optional.of(new Transition.Recovering());
    }

    /** A gpuops run on this target started: what it does (stopping programs, redeploying) is not an alert. */
    public void runStarted(String runId) {
        runs.add(runId);
    }

    /** The run ended; stay muted for {@code recoverAfter} more probes so the target can settle. */
    public void runFinished(String runId) {
        if (runs.remove(runId) && runs.isEmpty()) {
            graceProbes = recoverAfter;
        }
    }

    /**
     * The runs in flight on this target as the durable run state says, after this replica took the target over:
     * runs it no longer lists ended (with their grace probes), runs it lists mute.
     */
    public void runsInFlight(Set<String> inFlight) {
        for (String run : List.copyOf(runs)) {
            if (!inFlight.contains(run)) {
                runFinished(run);
            }
        }
        inFlight.forEach(this::runStarted);
    }

    public void muteUntil(Instant until) {
        mutedUntil = until;
    }

    public void unmute() {
        mutedUntil = null;
    }

    public boolean muted(Instant now) {
        return !runs.isEmpty() || graceProbes > 0 || (mutedUntil != null && now.isBefore(mutedUntil));
    }

    /** Whether the last observed probe fell in a muted period. */
    public boolean lastMuted() {
        return lastMuted;
    }

    public HealthState state() {
        return state;
    }

    public Optional<ProbeRound> lastProbe() {
        return Optional.ofNullable(last);
    }

    public Optional<Instant> mutedUntil() {
        return Optional.ofNullable(mutedUntil);
    }

    public String target() {
        return target;
    }

    /** One line for {@code /gpu status}: state, and why a probe could not tell. */
    public String describe(Instant now) {
        StringBuilder text = new StringBuilder(state.name().toLowerCase(java.util.Locale.ROOT));
        if (last != null && last.verdict() == CheckResult.Status.UNKNOWN) {
            text.append(", last probe unknown: ").append(String.join("; ",
                    last.unknown().stream().map(c -> c.check() + " " + c.evidence()).toList()));
        }
        if (muted(now)) {
            text.append(runs.isEmpty() ? ", muted" : ", muted during run " + String.join(", ", List.copyOf(runs)));
        }
        return text.toString();
    }
}
