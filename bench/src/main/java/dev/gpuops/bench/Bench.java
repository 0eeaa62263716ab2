package dev.gpuops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./gpuops bench [--smoke] [scenario…]}: runs the scenarios (all when none is named), prints a table and
 * writes {@code bench/results/<timestamp>.json} and {@code .html}. Exit 0 when every scenario ran (targets missed
 * are reported, not failures), 1 when one crashed, 2 on a usage error.
 */
public final class Bench {

    static final List<Scenario> SCENARIOS = List.of(new AckScenario(), new PipelineScenario(),
            new NotifierScenario(), new DiagnosisScenario(), new DiagnoseCliScenario(), new FanoutScenario(),
            new MonitorScenario(), new StartupScenario());

    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("gpuops bench: " + e.getMessage() + "\n" + usage());
            return 2;
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path results = options.results();
        Files.createDirectories(results);
        Map<String, Object> run = header(options, stamp);
        List<Result> all = new ArrayList<>();
        boolean crashed = false;
        try (BenchContext context = BenchContext.create(options.smoke(), options.repo(), options.botJar(),
                options.serverFlags(), results.resolve(stamp + "-work"))) {
            for (Scenario scenario : options.scenarios()) {
                System.err.printf("gpuops bench: %s — %s (load %s)%n", scenario.name(), scenario.description(),
                        LoadAverage.read());
                try {
                    List<Result> measured = scenario.run(context);
                    all.addAll(measured);
                    System.out.print(Table.render(measured));
                } catch (Exception e) {
                    crashed = true;
                    all.add(Result.notAvailable(scenario.name(), "all", "crashed: " + e));
                    System.err.println("gpuops bench: " + scenario.name() + " failed: " + e);
                    e.printStackTrace(System.err);
                    context.stopApp();
                }
            }
        }
        run.put("results", all);
        Path json = results.resolve(stamp + ".json");
        Path html = results.resolve(stamp + ".html");
        Files.writeString(json, Report.json(run));
        Files.writeString(html, HtmlReport.render(run, all));
        System.out.println();
        System.out.print(Table.render(all));
        System.out.println("\nwrote " + json + "\n      " + html);
        return crashed ? 1 : 0;
    }

    private static Map<String, Object> header(Options options, String stamp) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("timestamp", stamp);
        run.put("smoke", options.smoke());
        run.put("loadAvgAtStart", LoadAverage.read());
        run.put("cpus", Runtime.getRuntime().availableProcessors());
        run.put("java", System.getProperty("java.version"));
        run.put("serverFlags", options.serverFlags());
        run.put("gitCommit", Report.gitCommit(options.repo()));
        return run;
    }

    static String usage() {
        StringBuilder text = new StringBuilder("usage: ./gpuops bench [--smoke] [scenario…]\n");
        for (Scenario s : SCENARIOS) {
            text.append(String.format("  %-13s %s%n", s.name(), s.description()));
        }
        return text.toString();
    }

    /** Parsed arguments; the launcher passes --repo, --bot-jar and --server-flags. */
    record Options(boolean smoke, Path repo, Path botJar, List<String> serverFlags, Path results,
                   List<Scenario> scenarios) {

        static Options parse(String[] args) throws IOException {
            boolean smoke = false;
            Path repo = Path.of("").toAbsolutePath();
            Path botJar = null;
            Path flagsFile = null;
            Path results = null;
            List<Scenario> chosen = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--smoke" -> smoke = true;
                    case "--repo" -> repo = Path.of(value(args, ++i, "--repo")).toAbsolutePath();
                    case "--bot-jar" -> botJar = Path.of(value(args, ++i, "--bot-jar"));
                    case "--server-flags" -> flagsFile = Path.of(value(args, ++i, "--server-flags"));
                    case "--results" -> results = Path.of(value(args, ++i, "--results"));
                    default -> chosen.add(scenario(args[i]));
                }
            }
            botJar = botJar == null ? repo.resolve("bot/target/bot.jar") : botJar;
            if (!Files.isRegularFile(botJar)) {
                throw new IllegalArgumentException("no bot jar at " + botJar + ": build first (./mvnw -DskipTests package)");
            }
            flagsFile = flagsFile == null ? repo.resolve("jvm/server.options") : flagsFile;
            return new Options(smoke, repo, botJar, JvmOptions.read(flagsFile),
                    results == null ? repo.resolve("bench/results") : results,
                    chosen.isEmpty() ? SCENARIOS : chosen);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static Scenario scenario(String name) {
            return SCENARIOS.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name + "'"));
        }
    }
}
