package dev.gpuops.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ack}: how fast the bot answers Slack. wrk (a separate process) sends distinct signed invocations of
 * {@code /gpu help} (parse and reply) and {@code /gpu status <target>} (durable enqueue: the ack waits for Kafka's
 * acks=all) at 1, 8, 16 and 64 connections, after a warm-up.
 */
final class AckScenario implements Scenario {

    /** Overridable with -Dgpuops.bench.connections=16,8 (e.g. to compare JVM flags on the target cases only). */
    private static final int[] CONNECTIONS = java.util.Arrays.stream(
            System.getProperty("gpuops.bench.connections", "1,8,16,64").split(","))
            .mapToInt(c -> Integer.parseInt(c.strip())).toArray();

    /**
     * Ceilings of the request rate the pre-signed files are sized for (lines = ceiling x seconds, less at 1-3
     * connections), so that every request carries its own trigger_id: /gpu help reached 24k rps here, status 1.3k.
     * A run that still outlasts its file reuses lines and reports how many ({@code reused}).
     */
    static final int HELP_MAX_RPS = 40_000;

    /** Overridable with -Dgpuops.bench.ack.cases=status (one command only, e.g. to profile it). */
    private static final List<String> CASES = List.of(System.getProperty("gpuops.bench.ack.cases", "help,status")
            .split(","));
    static final int STATUS_MAX_RPS = 10_000;

    @Override
    public String name() {
        return "ack";
    }

    @Override
    public String description() {
        return "/gpu help and /gpu status <target> at 1, 8, 16, 64 connections (wrk, signed distinct invocations)";
    }

    @Override
    public List<Result> run(BenchContext context) {
        if (!Wrk.installed()) {
            return List.of(Result.notAvailable(name(), "all", "wrk is not installed (apt-get install wrk; "
                    + "./gpuops bench installs it)"));
        }
        World world = context.world();
        AppProcess app = context.freshApp("ack");
        Wrk wrk = new Wrk(context.repo().resolve("bench/wrk/slack.lua"), context.workDir());
        SignedInvocations invocations = new SignedInvocations(world.slack().signingSecret(), world.slack().baseUrl());
        String url = "http://127.0.0.1:" + app.port();
        int seconds = context.scaled(10, 1);
        String[] statusTexts = world.benchTargets().stream().map(t -> "status " + t).toArray(String[]::new);
        List<Result> results = new ArrayList<>();
        warmUp(context, wrk, invocations, url, statusTexts);
        for (int connections : CASES.contains("help") ? CONNECTIONS : new int[0]) {
            results.add(measure(context, wrk, invocations, url, app.pid(), "help", connections, seconds, HELP_MAX_RPS,
                    new String[] {"help"}, "Targets:"));
        }
        for (int connections : CASES.contains("status") ? CONNECTIONS : new int[0]) {
            results.add(measure(context, wrk, invocations, url, app.pid(), "status", connections, seconds, STATUS_MAX_RPS,
                    statusTexts, " accepted: status "));
        }
        context.stopApp();
        return results;
    }

    private void warmUp(BenchContext context, Wrk wrk, SignedInvocations invocations, String url,
                        String[] statusTexts) {
        int seconds = context.scaled(8, 1);
        Path file = context.workDir().resolve("warmup.requests");
        invocations.writeFile(file, context.scaled(60_000, 40), "help", statusTexts[0], "help", statusTexts[1]);
        wrk.run(url, file, 16, seconds, "", context.smoke());
    }

    private Result measure(BenchContext context, Wrk wrk, SignedInvocations invocations, String url, long botPid,
                           String what, int connections, int seconds, int maxRps, String[] texts, String expected) {
        Path file = context.workDir().resolve(what + "-" + connections + ".requests");
        invocations.writeFile(file, context.scaled(lines(maxRps, connections, seconds), 40), texts);
        String load = LoadAverage.read();
        CpuShares cpu = CpuShares.start(botPid);
        Wrk.Run run = wrk.run(url, file, connections, seconds, expected, context.smoke());
        CpuShares.Used used = cpu.stop(run.requests());
        deleteQuietly(file);
        Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        metrics.put("connections", connections);
        metrics.put("requests", run.requests());
        metrics.put("rps", Math.round(run.rps()));
        metrics.put("p50", run.percentile("50"));
        metrics.put("p90", run.percentile("90"));
        metrics.put("p99", run.percentile("99"));
        metrics.put("p99.9", run.percentile("99.9"));
        metrics.put("max", run.maxMs());
        metrics.put("errors", run.errors());
        metrics.put("unexpected", run.unexpected());
        metrics.put("reused", run.reused());
        // CPU per answered request, by process: less noisy than rps on a shared box, and says whose time it is
        metrics.put("botCpuUs", used.botMicrosPerRequest());
        metrics.put("worldCpuUs", used.worldMicrosPerRequest());
        metrics.put("wrkCpuUs", used.wrkMicrosPerRequest());
        List<Result.Goal> goals = goals(what, connections, run);
        String note = run.reused() > 0 ? run.reused() + " requests reused a trigger_id (the file ran out): "
                + "those got the dedupe answer" : null;
        return new Result(name(), what + " c=" + connections, metrics, goals, run.curve(),
                Histograms.fromCurve(run.curve(), run.requests()), LoadAverage.span(load), note);
    }

    /** Fewer connections cannot reach the ceiling: one connection gets a quarter of the lines. */
    static int lines(int maxRps, int connections, int seconds) {
        double share = Math.min(1.0, Math.max(connections, 1) / 4.0);
        return (int) Math.ceil(maxRps * share * seconds);
    }

    private static void deleteQuietly(Path file) {
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            // a leftover request file in the bench's work dir is harmless
        }
    }

    private static List<Result.Goal> goals(String what, int connections, Wrk.Run run) {
        List<Result.Goal> goals = new ArrayList<>();
        boolean clean = run.errors() == 0 && run.unexpected() == 0;
        goals.add(new Result.Goal("every answer 200 with the expected text", run.errors() + " errors, "
                + run.unexpected() + " unexpected", clean));
        if (what.equals("help") && connections == 16) {
            goals.add(new Result.Goal("p99 ≤ 15 ms", fmt(run.percentile("99")) + " ms", run.percentile("99") <= 15));
            goals.add(new Result.Goal("≥ 5,000 rps", Math.round(run.rps()) + " rps", run.rps() >= 5000));
        }
        if (what.equals("status") && connections == 8) {
            goals.add(new Result.Goal("p99 ≤ 25 ms", fmt(run.percentile("99")) + " ms", run.percentile("99") <= 25));
            goals.add(new Result.Goal("≥ 2,000 rps", Math.round(run.rps()) + " rps", run.rps() >= 2000));
        }
        return goals;
    }

    static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
