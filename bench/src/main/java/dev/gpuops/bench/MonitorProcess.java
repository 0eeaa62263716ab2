package dev.gpuops.bench;

import dev.gpuops.monitor.MonitorRuntime;
import dev.gpuops.monitor.MonitorSettings;
import dev.gpuops.monitor.ProbeListener;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.runpod.RunPodConfig;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The monitor alone in its own JVM, as in a handlers replica: {@link MonitorRuntime} on the bench's broker, probing
 * RunPod targets served by the bench's RunPod simulator (whose CPU is the bench's, not this process's). After the
 * warm-up it measures its own CPU time over wall time and every probe's timing, and prints one JSON line.
 *
 * <p>Arguments: {@code bootstrap checksDir apiKey apiUrl graphqlUrl restUrl endpointsFile interval warmup measure}.
 */
public final class MonitorProcess {

    private static final Duration TICK = Duration.ofSeconds(1);

    /** Probe timings since the last reset. */
    static final class Timings implements ProbeListener {
        final AtomicLong probes = new AtomicLong();
        final AtomicLong late = new AtomicLong();
        final AtomicLong overran = new AtomicLong();
        final ConcurrentLinkedQueue<Long> lagMillis = new ConcurrentLinkedQueue<>();
        final AtomicLong maxTookMillis = new AtomicLong();
        final Duration interval;
        volatile boolean counting;

        Timings(Duration interval) {
            this.interval = interval;
        }

        @Override
        public void probed(String target, Instant due, Instant started, Duration took) {
            if (!counting || due == null) {
                return;
            }
            probes.incrementAndGet();
            Duration lag = Duration.between(due, started);
            lagMillis.add(lag.toMillis());
            if (lag.compareTo(TICK) > 0) {
                late.incrementAndGet();
            }
            if (took.compareTo(interval) > 0) {
                overran.incrementAndGet();
            }
            maxTookMillis.accumulateAndGet(took.toMillis(), Math::max);
        }
    }

    private MonitorProcess() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        Path checks = Path.of(args[1]);
        List<String> endpoints = Files.readAllLines(Path.of(args[6]));
        Duration interval = Duration.parse(args[7]);
        Duration warmup = Duration.parse(args[8]);
        Duration measure = Duration.parse(args[9]);
        Services services = new Services().register(RunPodClient.class, new RunPodClient(RunPodConfig.of(args[2])
                .withUrls(args[3], args[4], args[5]), RetryPolicy.none()));
        Timings timings = new Timings(interval);
        try (MonitorRuntime runtime = new MonitorRuntime(new MonitorSettings(checks, bootstrap, Map.of(), TICK, null,
                null, "bench-monitor"), targets(endpoints, interval), services, Clock.systemUTC())) {
            runtime.monitor().probeListener(timings);
            runtime.start();
            Thread.sleep(warmup.toMillis());
            timings.counting = true;
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            Thread.sleep(measure.toMillis());
            long cpu = os.getProcessCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            timings.counting = false;
            System.out.println(json(endpoints.size(), runtime.ownership().partitions().size(), cpu, wall, timings));
        }
        System.exit(0);
    }

    static Targets targets(List<String> endpoints, Duration interval) {
        List<Target> list = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            list.add(new Target(String.format("mon-%04d", i + 1), "runpod", "C0ALERTS", null, null, null, null,
                    null, null, null, null, new Target.Runpod(endpoints.get(i), null, 300), null, null, null, null,
                    new Target.Monitor(null, interval, Duration.ofSeconds(5), 3, 2, null), null, null));
        }
        return Targets.of(list.toArray(Target[]::new));
    }

    private static String json(int targets, int partitions, long cpuNanos, long wallNanos, Timings t) {
        List<Long> lags = new ArrayList<>(t.lagMillis);
        lags.sort(null);
        long p99 = lags.isEmpty() ? 0 : lags.get(Math.min(lags.size() - 1, (int) Math.ceil(lags.size() * 0.99) - 1));
        long max = lags.isEmpty() ? 0 : lags.getLast();
        return String.format(java.util.Locale.ROOT, "{\"targets\":%d,\"partitions\":%d,\"cpuPct\":%.2f,"
                        + "\"wallSeconds\":%.1f,\"probes\":%d,\"late\":%d,\"overran\":%d,\"p99LagMs\":%d,"
                        + "\"maxLagMs\":%d,\"maxProbeMs\":%d}", targets, partitions, 100.0 * cpuNanos / wallNanos,
                wallNanos / 1e9, t.probes.get(), t.late.get(), t.overran.get(), p99, max, t.maxTookMillis.get());
    }
}
