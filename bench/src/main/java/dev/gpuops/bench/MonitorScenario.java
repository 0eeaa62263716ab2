package dev.gpuops.bench;

import dev.gpuops.event.Events;
import dev.gpuops.sandbox.runpod.SandboxRunPod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code monitor}: 2,000 RunPod targets probed every 10 s by the health monitor running alone in its own JVM
 * ({@link MonitorProcess}, the server's JVM flags), against the RunPod simulator and a broker in the bench's
 * process. Measured after a 90 s warm-up, over 120 s: the monitor process's CPU time over wall time (% of one core)
 * and missed intervals: probes that started more than one timer tick (1 s) after they were due, or took longer than
 * the interval.
 */
final class MonitorScenario implements Scenario {

    private static final String KEY = "rp-bench-monitor-3c9e71d2";

    @Override
    public String name() {
        return "monitor";
    }

    @Override
    public String description() {
        return "2,000 RunPod targets at 10 s: CPU % of one core of the monitor process, missed intervals";
    }

    @Override
    public List<Result> run(BenchContext context) throws Exception {
        int targets = context.scaled(2000, 20);
        Duration interval = Duration.ofSeconds(context.smoke() ? 2 : 10);
        // long enough for C2 to finish compiling the probe path (HTTP client, Kafka clients): in the first ~90 s the
        // JIT, not the monitor, uses most of the CPU (JFR's thread CPU load per 10 s showed it), and a monitor runs
        // for days
        Duration warmup = Duration.ofSeconds(context.smoke() ? 4 : 90);
        Duration measure = Duration.ofSeconds(context.smoke() ? 6 : 120);
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, Events.COMMANDS_TOPIC, Events.RUNS_TOPIC);
        kafka.afterPropertiesSet();
        try (SandboxRunPod runPod = SandboxRunPod.start(KEY)) {
            Path endpoints = endpoints(runPod, targets, context.workDir());
            String load = LoadAverage.read();
            JsonNode measured = runMonitor(context, kafka.getBrokersAsString(), runPod, endpoints,
                    interval, warmup, measure);
            return List.of(result(measured, interval, LoadAverage.span(load)));
        } finally {
            kafka.destroy();
        }
    }

    private static Path endpoints(SandboxRunPod runPod, int count, Path workDir) throws IOException {
        String template = runPod.createTemplate("bench", "ghcr.io/acme/bench-worker:v1", Map.of());
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(runPod.createEndpoint(String.format("bench-%04d", i), template, 0, 1));
        }
        Path file = workDir.resolve("monitor-endpoints.txt");
        Files.write(file, ids);
        return file;
    }

    private static JsonNode runMonitor(BenchContext context, String bootstrap, SandboxRunPod runPod, Path endpoints,
                                       Duration interval, Duration warmup, Duration measure)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(context.serverFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MonitorProcess.class.getName(),
                bootstrap, context.repo().resolve("runbooks/checks").toString(), KEY, runPod.apiUrl(),
                runPod.graphqlUrl(), runPod.restUrl(), endpoints.toString(), interval.toString(), warmup.toString(),
                measure.toString()));
        Path log = context.workDir().resolve("monitor-process.log");
        Path out = context.workDir().resolve("monitor-process.out");
        Process process = new ProcessBuilder(command).directory(context.repo().toFile())
                .redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        try {
            if (!process.waitFor(warmup.plus(measure).plusSeconds(120).toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the monitor process did not finish; see " + log);
            }
        } finally {
            process.destroyForcibly();
        }
        String line = Files.readAllLines(out).stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("the monitor process printed no result (exit "
                        + process.exitValue() + "); see " + log));
        return JsonMapper.builder().build().readTree(line);
    }

    private Result result(JsonNode m, Duration interval, String load) {
        double cpu = m.path("cpuPct").asDouble();
        long probes = m.path("probes").asLong();
        long missed = m.path("late").asLong() + m.path("overran").asLong();
        long expected = Math.round(m.path("targets").asLong() * m.path("wallSeconds").asDouble()
                / interval.toSeconds());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("targets", m.path("targets").asLong());
        metrics.put("interval s", interval.toSeconds());
        metrics.put("measured s", m.path("wallSeconds").asDouble());
        metrics.put("probes", probes);
        metrics.put("probes expected", expected);
        metrics.put("CPU % of one core", cpu);
        metrics.put("missed intervals", missed);
        metrics.put("started late", m.path("late").asLong());
        metrics.put("overran", m.path("overran").asLong());
        metrics.put("p99 start lag ms", m.path("p99LagMs").asLong());
        metrics.put("max start lag ms", m.path("maxLagMs").asLong());
        metrics.put("max probe ms", m.path("maxProbeMs").asLong());
        return new Result(name(), m.path("targets").asLong() + " targets @" + interval.toSeconds() + "s", metrics,
                List.of(new Result.Goal("CPU < 10% of one core", AckScenario.fmt(cpu) + " %", cpu < 10),
                        new Result.Goal("no missed interval", missed + " missed of " + probes, probes > 0
                                && missed == 0),
                        new Result.Goal("every target probed every interval", probes + " of ~" + expected,
                                probes >= expected * 0.9)),
                Map.of(), Map.of(), load, "missed = started > 1 s (one timer tick) after due, or took longer "
                + "than the interval; the RunPod simulator and the broker run in the bench process, not counted");
    }
}
