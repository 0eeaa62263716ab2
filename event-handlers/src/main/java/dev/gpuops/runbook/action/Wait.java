package dev.gpuops.runbook.action;

import dev.gpuops.target.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The one way an action waits for something: looks at a condition until it holds, stops at the step deadline or
 * when the run is cancelled, and posts what it sees to the run's thread ("booting (2m10s)") at a bounded rate.
 * Every pause goes through {@link StepContext#pause}, so the engine's clock and sleeper decide how time passes and
 * tests advance a settable clock instead of sleeping.
 *
 * <p>A look that throws ends the wait with that exception: the probe decides which errors are worth waiting out
 * (return {@link #pending}) and which are final (throw a {@link StepFailure}).
 *
 * <pre>{@code
 * Wait.Result<Vm> vm = Wait.on(ctx).every(Duration.ofSeconds(10)).until(poll -> {
 *     Vm now = client.read(id);
 *     return now.ready() ? Wait.done(now) : Wait.pending(now.state(), now);
 * });
 * }</pre>
 */
public final class Wait {

    /** Kept free before the step deadline, so the action can still explain itself before the engine times it out. */
    static final Duration MARGIN = Duration.ofSeconds(1);
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** Changed detail is posted at most this often. */
    static final Duration DEFAULT_MIN_GAP = Duration.ofSeconds(5);
    /** Unchanged detail is posted again this often, with the new elapsed time, so the thread shows it is alive. */
    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

    /** What one look saw. */
    public sealed interface Look<T> {
    }

    /** The condition holds. */
    public record Done<T>(T value) implements Look<T> {
    }

    /** Not yet: {@code detail} goes to the thread (null posts nothing), {@code seen} is kept for the caller. */
    public record Pending<T>(String detail, T seen) implements Look<T> {
    }

    /** The number of this look (1 for the first) and the time since the wait began. */
    public record Poll(int number, Duration elapsed) {
    }

    @FunctionalInterface
    public interface Probe<T> {
        Look<T> look(Poll poll) throws InterruptedException;
    }

    public enum Ending { DONE, DEADLINE, CANCELLED, EXHAUSTED }

    /**
     * How the wait ended. {@code value} is set when DONE; {@code lastSeen} and {@code lastDetail} are what the last
     * pending look saw (null if there was none); {@code elapsed} is measured on the step's clock.
     */
    public record Result<T>(Ending ending, T value, T lastSeen, String lastDetail, int looks, Duration elapsed) {

        public boolean done() {
            return ending == Ending.DONE;
        }

        /** "2m10s", whole seconds: what the thread shows. */
        public String took() {
            return format(elapsed);
        }
    }

    private final StepContext ctx;
    private Duration interval = DEFAULT_INTERVAL;
    private int maxLooks = Integer.MAX_VALUE;
    private Duration minGap = DEFAULT_MIN_GAP;
    private Duration heartbeat = DEFAULT_HEARTBEAT;

    private Wait(StepContext ctx) {
        this.ctx = Objects.requireNonNull(ctx);
    }

    public static Wait on(StepContext ctx) {
        return new Wait(ctx);
    }

    public static <T> Look<T> done(T value) {
        return new Done<>(value);
    }

    public static <T> Look<T> pending(String detail, T seen) {
        return new Pending<>(detail, seen);
    }

    public static <T> Look<T> pending(String detail) {
        return new Pending<>(detail, null);
    }

    /**
     * A polling parameter of an action's params: {@code fallback} when the runbook left it out, else it must be
     * positive ({@code name} says which parameter is wrong).
     */
    public static Duration interval(String name, Duration given, Duration fallback) {
        Duration interval = given == null ? fallback : given;
        if (!interval.isPositive()) {
            throw new IllegalArgumentException(name + " must be positive, not " + interval);
        }
        return interval;
    }

    /** Pause between looks. */
    public Wait every(Duration pause) {
        if (pause == null || pause.isNegative()) {
            throw new IllegalArgumentException("a wait interval must not be negative");
        }
        this.interval = pause;
        return this;
    }

    /** Gives up (EXHAUSTED) after this many looks; 1 looks exactly once and never pauses. */
    public Wait atMost(int looks) {
        if (looks < 1) {
            throw new IllegalArgumentException("a wait needs at least one look, not " + looks);
        }
        this.maxLooks = looks;
        return this;
    }

    /** Posts changed detail at most every {@code gap}, and unchanged detail again every {@code heartbeat}. */
    public Wait reporting(Duration gap, Duration heartbeat) {
        if (gap.isNegative() || !heartbeat.isPositive()) {
            throw new IllegalArgumentException("report gaps must be positive");
        }
        this.minGap = gap;
        this.heartbeat = heartbeat;
        return this;
    }

    public <T> Result<T> until(Probe<T> probe) throws InterruptedException {
        Instant start = ctx.clock().instant();
        Reporter reporter = new Reporter(start);
        T lastSeen = null;
        String lastDetail = null;
        for (int number = 1; ; number++) {
            if (ctx.cancelled()) {
                return end(Ending.CANCELLED, null, lastSeen, lastDetail, number - 1, start);
            }
            Look<T> look = probe.look(new Poll(number, elapsed(start)));
            if (look instanceof Done<T>(T value)) {
                return end(Ending.DONE, value, lastSeen, lastDetail, number, start);
            }
            Pending<T> pending = (Pending<T>) look;
            lastSeen = pending.seen();
            lastDetail = pending.detail() == null ? lastDetail : pending.detail();
            reporter.offer(pending.detail(), elapsed(start));
            if (number >= maxLooks) {
                return end(Ending.EXHAUSTED, null, lastSeen, lastDetail, number, start);
            }
            Ending stop = pause();
            if (stop != null) {
                return end(stop, null, lastSeen, lastDetail, number, start);
            }
        }
    }

    /** @return null to look again, else why the wait ends */
    private Ending pause() throws InterruptedException {
        Duration left = Duration.between(ctx.clock().instant(), ctx.deadline()).minus(MARGIN);
        if (!left.isPositive()) {
            return Ending.DEADLINE;
        }
        Duration slice = interval.compareTo(left) > 0 ? left : interval;
        if (!ctx.pause(slice)) {
            return ctx.cancelled() ? Ending.CANCELLED : Ending.DEADLINE;
        }
        return ctx.cancelled() ? Ending.CANCELLED : null;
    }

    private <T> Result<T> end(Ending ending, T value, T lastSeen, String lastDetail, int looks, Instant start) {
        return new Result<>(ending, value, lastSeen, lastDetail, looks, elapsed(start));
    }

    private Duration elapsed(Instant start) {
        return Duration.between(start, ctx.clock().instant());
    }

    /** Whole seconds, as the thread shows them: "0s", "45s", "2m10s". */
    public static String format(Duration elapsed) {
        Duration whole = elapsed.isNegative() ? Duration.ZERO : elapsed.truncatedTo(ChronoUnit.SECONDS);
        return Durations.format(whole);
    }

    /** Keeps the thread live without flooding it: new detail soon, the same detail now and then. */
    private final class Reporter {

        private Instant lastAt;
        private String lastDetail;

        Reporter(Instant start) {
            this.lastAt = start.minus(heartbeat);
        }

        void offer(String detail, Duration elapsed) {
            if (detail == null || detail.isBlank()) {
                return;
            }
            Instant now = ctx.clock().instant();
            Duration since = Duration.between(lastAt, now);
            boolean changed = !detail.equals(lastDetail);
            if (changed ? since.compareTo(minGap) >= 0 : since.compareTo(heartbeat) >= 0) {
                ctx.progress(detail + " (" + format(elapsed) + ")");
                lastAt = now;
                lastDetail = detail;
            }
        }
    }
}
