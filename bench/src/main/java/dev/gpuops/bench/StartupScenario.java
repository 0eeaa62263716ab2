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
 * One broker (in the bench process) serves every launch and is up before the first clock starts, as an external
 * cluster would be; the first launch creates the topics, later ones find them, as a restart does. Each result gives
 * the wall time and the bot JVM's CPU time at READY: on a shared box the CPU time moves far less with the load.
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
        context.stopApp(); // the previous scenario's bot and world: its backlog must not slow these launches
        context.world(); // the broker is up before any launch is timed, as an external cluster would be
        int runs = context.scaled(3, 1);
        List<Result> results = new ArrayList<>();
        String load = LoadAverage.read();
        Launches fat = launches(context, "startup-", runs, null, List.of());
        results.add(result("to READY, java -jar bot.jar", fat, runs, load,
                "one broker for all launches, up before the clock starts (the first launch creates the topics); "
                        + "cpu = the bot JVM's CPU time (all threads) when first seen UP, less load-sensitive than wall"));
        if (context.smoke() || Runtime.version().feature() < 25) {
            context.stopApp();  // no-op in a smoke run
            return results; // a smoke run checks the harness; the AOT cache needs JDK 25
        }
        Path jar = extract(context);
        Path cache = context.workDir().resolve("bot.aot");
        List<String> training = new ArrayList<>(List.of("-XX:AOTCacheOutput=" + cache));
        training.addAll(QUIET);
        context.freshApp("startup-aot-training", jar, training);
        context.stopBot(Duration.ofMinutes(3)); // the cache is written as the JVM exits
        if (!Files.exists(cache)) {
            context.stopApp();
            results.add(Result.notAvailable(name(), "to READY, extracted jar + AOT cache",
                    "the training launch wrote no AOT cache; see " + context.workDir().resolve(
                            "bot-startup-aot-training.log")));
            return results;
        }
        List<String> withCache = new ArrayList<>(List.of("-XX:AOTCache=" + cache));
        withCache.addAll(QUIET);
        String aotLoad = LoadAverage.read();
        Launches aot = launches(context, "startup-aot-", runs, jar, withCache);
        context.stopApp();
        results.add(result("to READY, extracted jar + AOT cache", aot, runs, aotLoad,
                "after one training launch with -XX:AOTCacheOutput (not counted); cache "
                        + Files.size(cache) / (1 << 20) + " MB"));
        return results;
    }

    /** Wall time and CPU time to READY of {@code runs} launches; {@code jar} null = the fat jar. */
    private static Launches launches(BenchContext context, String label, int runs, Path jar, List<String> flags) {
        Launches launches = new Launches(new Latencies(), new Latencies());
        for (int i = 0; i < runs; i++) {
            AppProcess app = jar == null ? context.freshApp(label + i) : context.freshApp(label + i, jar, flags);
            launches.wall().add(Math.round(app.readyMillis() * 1000));
            launches.cpu().add(app.readyCpu().toNanos() / 1000);
            if (!context.smoke()) { // a smoke run shares one bot between scenarios
                context.stopBot(Duration.ofSeconds(20)); // the bot only: the broker stays, as a restart finds it
            }
        }
        return launches;
    }

    /** Launch → READY per launch: wall clock, and the bot JVM's CPU time at that moment. */
    private record Launches(Latencies wall, Latencies cpu) {
    }

    private Result result(String name, Launches measured, int runs, String load, String note) {
        Latencies launches = measured.wall();
        double p50 = launches.percentileMillis(50);
        Map<String, Object> metrics = new java.util.LinkedHashMap<>(Map.of("launches", runs));
        metrics.put("p50", p50);
        metrics.put("min", launches.percentileMillis(0));
        metrics.put("max", launches.percentileMillis(100));
        metrics.put("cpuP50", measured.cpu().percentileMillis(50));
        metrics.put("cpuMin", measured.cpu().percentileMillis(0));
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
