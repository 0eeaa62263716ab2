package dev.gpuops.bench;

import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.ssh.SshEndpoint;
import dev.gpuops.provider.ssh.StatusReport;
import dev.gpuops.provider.ssh.StatusResult;
import dev.gpuops.provider.ssh.Supervisorctl;
import dev.gpuops.sandbox.ssh.SandboxKeys;
import dev.gpuops.sandbox.ssh.SandboxSshHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code fanout}: {@code supervisorctl status} over 100 sandbox SSH hosts at once (one virtual thread each, pooled
 * connections, as the bot's SSH actions run) against the same over 1 host: how much a wide fan-out costs.
 */
final class FanoutScenario implements Scenario {

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public String description() {
        return "supervisorctl status over 100 sandbox SSH hosts vs 1 (sshj, pooled connections)";
    }

    @Override
    public List<Result> run(BenchContext context) throws IOException, InterruptedException,
            java.util.concurrent.ExecutionException {
        Path dir = Files.createDirectories(context.workDir().resolve("fanout"));
        SandboxKeys.ClientKeyPair keys = SandboxKeys.generate(dir);
        int wide = context.scaled(100, 3);
        int rounds = context.scaled(20, 2);
        List<SandboxSshHost> hosts = new ArrayList<>();
        try (SshConnector connector = new SshConnector()) {
            List<String> knownHosts = new ArrayList<>();
            for (int i = 0; i < wide; i++) {
                SandboxSshHost host = SandboxSshHost.builder().authorizedKey(keys).start();
                hosts.add(host);
                knownHosts.add(host.knownHostsLine());
            }
            Path known = Files.write(dir.resolve("known_hosts"), knownHosts);
            List<Supervisorctl> all = hosts.stream().map(h -> new Supervisorctl(connector.session(
                    new SshEndpoint(h.host(), h.port(), h.user(), keys.privateKey(), known)), h.supervisorSocketUrl()))
                    .toList();
            String load = LoadAverage.read();
            Result one = measure(context, "1 host", all.subList(0, 1), rounds, load);
            Result many = measure(context, wide + " hosts", all, rounds, load);
            double ratio = (double) many.metrics().get("p50") / (double) one.metrics().get("p50");
            many.metrics().put("vs 1 host (p50)", Math.round(ratio * 100) / 100.0);
            return List.of(one, many);
        } finally {
            hosts.forEach(SandboxSshHost::close);
        }
    }

    private Result measure(BenchContext context, String name, List<Supervisorctl> hosts, int rounds, String load)
            throws InterruptedException, java.util.concurrent.ExecutionException {
        Latencies rounds0 = new Latencies();
        int failures = 0;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int r = -2; r < rounds; r++) { // two warm-up rounds (connections, JIT)
                long started = System.nanoTime();
                List<Future<StatusResult>> calls = new ArrayList<>();
                hosts.forEach(h -> calls.add(threads.submit((java.util.concurrent.Callable<StatusResult>) h::status)));
                for (Future<StatusResult> call : calls) {
                    if (!(call.get() instanceof StatusReport)) {
                        failures += r >= 0 ? 1 : 0;
                    }
                }
                if (r >= 0) {
                    rounds0.addNanos(System.nanoTime() - started);
                }
            }
        }
        Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        metrics.put("hosts", hosts.size());
        metrics.put("rounds", rounds);
        metrics.put("p50", rounds0.percentileMillis(50));
        metrics.put("p99", rounds0.percentileMillis(99));
        metrics.put("max", rounds0.percentileMillis(100));
        metrics.put("failed statuses", failures);
        return new Result(name(), name, metrics, List.of(new Result.Goal("every status read", failures
                + " failed", failures == 0)), rounds0.curve(), rounds0.histogram(), LoadAverage.span(load),
                "time for one round: status of every host, in parallel");
    }
}
