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
    private Instant unknownSince;

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
        if (round.verdict() != CheckResult.Status.UNKNOWN) {
            unknownSince = null;
        } else if (unknownSince == null) {
            unknownSince = round.at();
        }
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

    /** Since when every probe could not tell (provider API unreachable, probe timed out), if the last one could not. */
    public Optional<Instant> unknownSince() {
        return Optional.ofNullable(unknownSince);
    }

    /**
     * One line for {@code /gpu status}, e.g. "unknown — lambda-status: Lambda API unreachable (timeout) since 16:02
     * UTC; not alerting (state healthy)" or "failing since 14:10 UTC: supervisor-programs: worker-gpu FATAL".
     */
    public String describe(Instant now) {
        String stateName = state.name().toLowerCase(java.util.Locale.ROOT);
        StringBuilder text = new StringBuilder();
        if (last == null) {
            text.append("not probed yet");
        } else if (last.verdict() == CheckResult.Status.UNKNOWN) {
            text.append("unknown — ").append(String.join("; ", last.unknown().stream()
                    .map(c -> c.check() + ": " + c.evidence()).toList()))
                    .append(" since ").append(clockTime(unknownSince))
                    .append(state.alerting() ? "; the open incident stays as it was (" + stateName + ")"
                            : "; not alerting (state " + stateName + ")");
        } else {
            text.append(stateName);
            if (state != HealthState.HEALTHY && failingSince != null) {
                text.append(" since ").append(clockTime(failingSince));
            }
            if (last.verdict() == CheckResult.Status.FAILING) {
                text.append(": ").append(Evidence.line(last.failing()));
            }
            text.append(" (last probe ").append(clockTime(last.at())).append(')');
        }
        if (muted(now)) {
            text.append(runs.isEmpty() ? ", muted" : ", muted during run " + String.join(", ", List.copyOf(runs)));
        }
        return text.toString();
    }

    private static String clockTime(Instant at) {
        return at == null ? "?" : java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                .withZone(java.time.ZoneOffset.UTC).format(at) + " UTC";
    }
}
