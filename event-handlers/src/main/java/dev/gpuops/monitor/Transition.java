package dev.gpuops.monitor;

import dev.gpuops.event.CheckResult;
import java.time.Instant;
import java.util.List;

/** A change of a target's health worth telling anyone about. Probes that change nothing produce none. */
public sealed interface Transition {

    /** failAfter failing probes in a row: alert. */
    record Failed(List<CheckResult> failing, Instant since) implements Transition {
    }

    /** Recovering, then failing again: the same incident, a new timeline line (a flap never opens a second one). */
    record Relapsed(List<CheckResult> failing) implements Transition {
    }

    /** The first passing probe of a failing target. */
    record Recovering() implements Transition {
    }

    /** recoverAfter passing probes in a row. */
    record Recovered(Instant failingSince) implements Transition {
    }
}
