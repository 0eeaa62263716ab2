package dev.gpuops.provider.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.provider.ssh.testing.RealSshHost;
import dev.gpuops.provider.ssh.testing.RealSshHostExtension;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FanOutIT {

    private static final int CHANNELS = 50;

    @RegisterExtension
    static final RealSshHostExtension SSH = new RealSshHostExtension();

    record Interval(long start, long end, StatusResult result) {
    }

    @Test
    void fiftyStatusCallsRunConcurrentlyOverOneConnection() throws Exception {
        try (SshConnector connector = new SshConnector();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Supervisorctl ctl = new Supervisorctl(connector.session(SSH.host().endpoint()),
                    SSH.host().supervisorSocketUrl());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Interval>> futures = new ArrayList<>();
            for (int i = 0; i < CHANNELS; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    StatusResult result = ctl.status(RealSshHost.AUTOSTART_PROGRAMS);
                    return new Interval(start, System.nanoTime(), result);
                }));
            }
            go.countDown();
            List<Interval> intervals = new ArrayList<>();
            for (Future<Interval> f : futures) {
                intervals.add(f.get());
            }

            assertThat(intervals).allSatisfy(i -> assertThat(i.result())
                    .isInstanceOfSatisfying(StatusReport.class, r -> assertThat(r.allRunning()).isTrue()));
            assertThat(connector.connectionsOpened()).isEqualTo(1);
            // overlap, not speed: many execs were in flight at the same moment on that one connection
            assertThat(maxInFlight(intervals)).isGreaterThanOrEqualTo(10);
        }
    }

    private static int maxInFlight(List<Interval> intervals) {
        record Edge(long at, int delta) {
        }
        List<Edge> edges = new ArrayList<>();
        intervals.forEach(i -> {
            edges.add(new Edge(i.start(), +1));
            edges.add(new Edge(i.end(), -1));
        });
        edges.sort(Comparator.comparingLong(Edge::at).thenComparingInt(Edge::delta));
        int current = 0;
        int max = 0;
        for (Edge e : edges) {
            current += e.delta();
            max = Math.max(max, current);
        }
        return max;
    }
}
