package dev.gpuops.monitor;

import dev.gpuops.event.CheckResult;
import dev.gpuops.monitor.probe.CheckCatalog;
import dev.gpuops.monitor.probe.CheckDefinition;
import dev.gpuops.monitor.probe.Probe;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs every check of one target, each on its own virtual thread, and waits at most the probe timeout: a check that
 * is still running then is abandoned (interrupted) and reported UNKNOWN, so a hung provider API never holds up the
 * verdict, and never another target's probe.
 */
public final class ProbeRunner implements AutoCloseable {

    private final CheckCatalog catalog;
    private final Map<String, Probe> probes;
    private final Clock clock;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public ProbeRunner(CheckCatalog catalog, List<Probe> probes, Clock clock) {
        this.catalog = catalog;
        this.probes = probes.stream().collect(Collectors.toUnmodifiableMap(Probe::key, Function.identity()));
        this.clock = clock;
    }

    public ProbeRound probe(Target target, Duration timeout) {
        Instant at = clock.instant();
        List<CheckDefinition> checks = catalog.checksFor(target);
        List<Future<List<CheckResult>>> running = new ArrayList<>();
        for (CheckDefinition check : checks) {
            Probe probe = probes.get(check.probe());
            running.add(threads.submit(() -> probe == null
                    ? List.of(CheckResult.unknown(check.id(), "no probe '" + check.probe() + "' in this deployment"))
                    : probe.run(check, target)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            results.addAll(await(checks.get(i), running.get(i), deadline, timeout));
        }
        return new ProbeRound(target.name(), at, results);
    }

    private static List<CheckResult> await(CheckDefinition check, Future<List<CheckResult>> future, long deadline,
                                           Duration timeout) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return List.of(CheckResult.unknown(check.id(), "no answer within the probe timeout of "
                    + timeout.toSeconds() + "s"));
        } catch (ExecutionException e) {
            return List.of(CheckResult.unknown(check.id(), "probe error: "
                    + Redactor.redact(String.valueOf(e.getCause()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(CheckResult.unknown(check.id(), "interrupted"));
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
