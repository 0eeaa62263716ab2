package dev.gpuops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs Debian's {@code wrk} with bench/wrk/slack.lua and reads the summary the script writes. */
final class Wrk {

    private final Path script;
    private final Path workDir;

    Wrk(Path script, Path workDir) {
        this.script = script;
        this.workDir = workDir;
    }

    static boolean installed() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The outcome of one wrk run: counts and the latency percentile curve (ms). */
    record Run(long requests, double seconds, long errors, long reused, long unexpected, double maxMs,
               Map<String, Double> curve) {

        double rps() {
            return requests / seconds;
        }

        double percentile(String p) {
            return curve.getOrDefault(p, Double.NaN);
        }
    }

    /** With {@code once}, every request of the file is sent once and the run ends early when they are answered. */
    Run run(String url, Path requests, int connections, int seconds, String expected, boolean once) {
        int threads = Math.min(2, connections);
        Path out = workDir.resolve("wrk-" + System.nanoTime() + ".json");
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", script.toString(), url, "--", requests.toString(),
                Integer.toString(threads), expected, once ? "once" : "again"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("wrk.log").toFile());
        builder.environment().put("BENCH_OUT", out.toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(seconds + 120L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not finish; see " + workDir.resolve("wrk.log"));
            }
            if (process.exitValue() != 0 || !Files.exists(out)) {
                throw new IllegalStateException("wrk failed (exit " + process.exitValue() + "); see "
                        + workDir.resolve("wrk.log"));
            }
            return parse(Files.readString(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk ran", e);
        }
    }

    static Run parse(String json) {
        JsonNode node = JsonMapper.builder().build().readTree(json);
        Map<String, Double> curve = new LinkedHashMap<>();
        node.path("curve").properties().forEach(e -> curve.put(normalise(e.getKey()), e.getValue().asDouble()));
        long errors = node.path("connectErrors").asLong() + node.path("readErrors").asLong()
                + node.path("writeErrors").asLong() + node.path("statusErrors").asLong()
                + node.path("timeouts").asLong();
        return new Run(node.path("requests").asLong(), node.path("durationMicros").asLong() / 1e6, errors,
                node.path("reused").asLong(), node.path("unexpected").asLong(), node.path("maxMs").asDouble(),
                curve);
    }

    /** Lua prints 50 as "50" and 99.9 as "99.9"; keep Latencies' labels. */
    private static String normalise(String p) {
        double value = Double.parseDouble(p);
        return Latencies.label(value);
    }
}
