package dev.gpuops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code diagnose-cli}: wall time of {@code ./gpuops diagnose} on a 1 KB log, each run a cold JVM. */
final class DiagnoseCliScenario implements Scenario {

    static final String LOG = """
            2026-11-02 03:12:09 INFO  worker-gpu starting, model=/models/sdxl, device=cuda:0
            2026-11-02 03:12:11 INFO  loading weights (6.9 GB)
            Traceback (most recent call last):
              File "/app/worker.py", line 88, in <module>
                pipe = load_pipeline(cfg)
              File "/app/pipeline.py", line 41, in load_pipeline
                return pipe.to("cuda")
            torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of \
            22.19 GiB of which 1.02 GiB is free. Including non-PyTorch memory, this process has 21.15 GiB memory in use.
            2026-11-02 03:12:15 INFO  exited: worker-gpu (exit status 1; not expected)
            2026-11-02 03:12:16 INFO  spawned: 'worker-gpu' with pid 4242
            2026-11-02 03:12:18 INFO  worker-gpu starting, model=/models/sdxl, device=cuda:0
            2026-11-02 03:12:19 INFO  loading weights (6.9 GB)
            2026-11-02 03:12:24 INFO  exited: worker-gpu (exit status 1; not expected)
            2026-11-02 03:12:25 INFO  gave up: worker-gpu entered FATAL state, too many start retries too quickly
            """;

    @Override
    public String name() {
        return "diagnose-cli";
    }

    @Override
    public String description() {
        return "./gpuops diagnose on a 1 KB log, cold JVM each time (wall time)";
    }

    @Override
    public List<Result> run(BenchContext context) throws IOException, InterruptedException {
        Path log = context.workDir().resolve("one-kb.log");
        Path out = context.workDir().resolve("diagnose.out");
        Files.writeString(log, LOG);
        String load = LoadAverage.read();
        Latencies walls = new Latencies();
        Latencies cpu = new Latencies();
        int runs = context.scaled(10, 1);
        for (int i = 0; i < runs + 1; i++) {
            long started = System.nanoTime();
            double[] times = timed(context.repo(), log, out);
            if (i > 0) { // the first run may build or write the class-data archive: not a user's cold start
                walls.addNanos(System.nanoTime() - started);
                cpu.add(Math.round((times[1] + times[2]) * 1_000_000));
            }
        }
        String output = Files.readString(out);
        double p50 = walls.percentileMillis(50);
        Map<String, Object> metrics = new java.util.LinkedHashMap<>(walls.summary());
        metrics.put("cpu p50", cpu.percentileMillis(50));
        metrics.put("log bytes", LOG.length());
        boolean diagnosed = output.startsWith("cuda-oom");
        return List.of(new Result(name(), "1 KB log", metrics,
                List.of(new Result.Goal("≤ 0.5 s wall (p50)", AckScenario.fmt(p50) + " ms", p50 <= 500),
                        new Result.Goal("names the CUDA OOM", diagnosed ? "yes" : "no: " + firstLine(output),
                                diagnosed)),
                walls.curve(), walls.histogram(), LoadAverage.span(load), "each run: the launcher + a fresh JVM; "
                + "cpu = user + system seconds of the launcher and its JVM, less sensitive to other load than wall"));
    }

    /** Runs {@code ./gpuops diagnose LOG} under bash's {@code time}: wall, user and system seconds. */
    private static double[] timed(Path repo, Path log, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "TIMEFORMAT='%R %U %S'; time \"$0\" diagnose \"$1\" > \"$2\" 2>&1",
                repo.resolve("gpuops").toString(), log.toString(), out.toString())
                .directory(repo.toFile()).redirectErrorStream(true).start();
        String timing = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("./gpuops diagnose failed: " + Files.readString(out));
        }
        String[] fields = timing.lines().reduce((a, b) -> b).orElse("0 0 0").split(" ");
        return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                Double.parseDouble(fields[2])};
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
