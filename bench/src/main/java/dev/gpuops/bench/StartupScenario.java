package dev.gpuops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code startup}: launch → {@code /actuator/health} UP, a few fresh launches each of
 * <ul>
 *   <li>{@code java -jar bot.jar}, the Spring Boot fat jar as built;</li>
 *   <li>the same jar extracted ({@code java -Djarmode=tools -jar bot.jar extract}: plain jars on the class path) with
 *       a JDK 25 AOT cache ({@code -XX:AOTCache}) recorded by one training launch ({@code -XX:AOTCacheOutput}) first.
 *       That is how a container image should ship the bot: extract and train at image build time.</li>
 * </ul>
 */
final class StartupScenario implements Scenario {

    private static final List<String> QUIET = List.of("-Xlog:aot=off", "-Xlog:cds=off");

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String description() {
        return "launch → /actuator/health UP: fat jar, and extracted jar with an AOT cache (server flags from "
                + "jvm/server.options)";
    }

    @Override
    public List<Result> run(BenchContext context) throws IOException, InterruptedException {
        context.world();
        context.stopApp();
        int runs = context.scaled(3, 1);
        List<Result> results = new ArrayList<>();
        String load = LoadAverage.read();
        Latencies fat = new Latencies();
        for (int i = 0; i < runs; i++) {
            fat.add(Math.round(context.freshApp("startup-" + i).readyMillis() * 1000));
            context.stopApp();
        }
        results.add(result("to READY, java -jar bot.jar", fat, runs, load,
                "Kafka runs in the bench process: the demo's in-process broker start (~1.5 s) is not included"));
        if (context.smoke() || Runtime.version().feature() < 25) {
            return results; // a smoke run checks the harness; the AOT cache needs JDK 25
        }
        Path jar = extract(context);
        Path cache = context.workDir().resolve("bot.aot");
        List<String> training = new ArrayList<>(List.of("-XX:AOTCacheOutput=" + cache));
        training.addAll(QUIET);
        context.freshApp("startup-aot-training", jar, training);
        context.stopBot(Duration.ofMinutes(3)); // the cache is written as the JVM exits
        context.stopApp();
        if (!Files.exists(cache)) {
            results.add(Result.notAvailable(name(), "to READY, extracted jar + AOT cache",
                    "the training launch wrote no AOT cache; see " + context.workDir().resolve(
                            "bot-startup-aot-training.log")));
            return results;
        }
        List<String> withCache = new ArrayList<>(List.of("-XX:AOTCache=" + cache));
        withCache.addAll(QUIET);
        String aotLoad = LoadAverage.read();
        Latencies aot = new Latencies();
        for (int i = 0; i < runs; i++) {
            aot.add(Math.round(context.freshApp("startup-aot-" + i, jar, withCache).readyMillis() * 1000));
            context.stopApp();
        }
        results.add(result("to READY, extracted jar + AOT cache", aot, runs, aotLoad,
                "after one training launch with -XX:AOTCacheOutput (not counted); cache "
                        + Files.size(cache) / (1 << 20) + " MB"));
        return results;
    }

    private Result result(String name, Latencies launches, int runs, String load, String note) {
        double p50 = launches.percentileMillis(50);
        Map<String, Object> metrics = new java.util.LinkedHashMap<>(Map.of("launches", runs));
        metrics.put("p50", p50);
        metrics.put("min", launches.percentileMillis(0));
        metrics.put("max", launches.percentileMillis(100));
        return new Result(name(), name, metrics,
                List.of(new Result.Goal("≤ 3 s on an idle box (see load average)", AckScenario.fmt(p50) + " ms",
                        p50 <= 3000)),
                Map.of(), launches.histogram(), LoadAverage.span(load), note);
    }

    /** bot.jar's layers as plain jars: the AOT cache only takes classes from the JVM's own class path. */
    private static Path extract(BenchContext context) throws IOException, InterruptedException {
        Path dir = context.workDir().resolve("bot-extracted");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", context.botJar().toString(), "extract", "--force", "--destination",
                dir.toString()).redirectErrorStream(true)
                .redirectOutput(context.workDir().resolve("extract.log").toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("could not extract " + context.botJar() + "; see "
                    + context.workDir().resolve("extract.log"));
        }
        return dir.resolve(context.botJar().getFileName());
    }
}
