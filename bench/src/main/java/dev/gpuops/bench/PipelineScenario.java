package dev.gpuops.bench;

import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackChannel;
import dev.gpuops.sandbox.slack.SlackMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code pipeline}: 1,000 {@code /gpu status} commands over the 50 bench targets, each from its
 * target's channel, at {@value #PER_SECOND}/s (8 in flight at most), through Kafka, the
 * run scheduler, the runbook engine (SSH to the sandbox host) and the notifier into sandbox Slack. Measures command
 * → the run's first message (from the message's own ts) and → its final state (seen by polling every 20 ms).
 */
final class PipelineScenario implements Scenario {

    /**
     * Slack allows ~1 chat.postMessage/s per channel and a run posts three messages (root, checklist, the answer to
     * the requester), so one channel sustains at most one run every 3 s. 50 channels at 10 commands/s give each
     * channel a run every 5 s: the notifier's post gate is open again when the next command comes, and the first
     * message measures gpuops. At 20/s (a run every 2.5 s per channel, 1.2 posts/s) the posts queue up behind
     * Slack's limit for ever and the first message measures that queue (p50 6.4 s on 2026-12-06).
     */
    static final int PER_SECOND = 10;
    // the outcome marks a run's root starts with once it ended (RunMessages writes Slack emoji codes)
    private static final String[] FINAL_MARKS = {":white_check_mark:", ":x:", ":stop_button:", ":no_entry:",
            ":warning:", ":red_circle:", ":octagonal_sign:"};

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public String description() {
        return "1,000 /gpu status over 50 targets: command → first thread message, → final message (p50/p99)";
    }

    @Override
    public List<Result> run(BenchContext context) throws Exception {
        World world = context.world();
        AppProcess app = context.freshApp("pipeline");
        SlackSender sender = new SlackSender(new SignedInvocations(world.slack().signingSecret(),
                world.slack().baseUrl()), app.eventsUrl());
        int warm = context.scaled(50, 2);
        int commands = context.scaled(Integer.getInteger("gpuops.bench.pipeline.commands", 1000), 10);
        measureRuns(world, sender, warm, 120); // warm-up: same path, not recorded
        String load = LoadAverage.read();
        java.time.Instant from = java.time.Instant.now();
        Runs runs = measureRuns(world, sender, commands, context.scaled(600, 180));
        context.stopApp();
        Map<String, Long> calls = chatCalls(world.slack(), from);
        return List.of(result("command → first message", runs.first(), runs, load, true, calls),
                result("command → final message", runs.last(), runs, load, false, calls));
    }

    /** Web API calls the bot made while the measured commands ran: per method, and the 429s. */
    private static Map<String, Long> chatCalls(SandboxSlack slack, java.time.Instant from) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (dev.gpuops.sandbox.slack.ApiCall call : slack.calls()) {
            if (!call.at().isBefore(from) && call.method().startsWith("chat.")) {
                counts.merge(call.method(), 1L, Long::sum);
                if (call.rateLimited()) {
                    counts.merge("429s", 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private Result result(String name, Latencies latencies, Runs runs, String load, boolean first,
                          Map<String, Long> calls) {
        Map<String, Object> metrics = new java.util.LinkedHashMap<>(latencies.summary());
        metrics.put("commands", runs.sent());
        metrics.put("per second", PER_SECOND);
        metrics.put("acked", runs.acked());
        metrics.put("finished", runs.last().count());
        metrics.putAll(calls);
        List<Result.Goal> goals = new ArrayList<>();
        double p50 = latencies.percentileMillis(50);
        double p99 = latencies.percentileMillis(99);
        if (first) {
            goals.add(new Result.Goal("p50 ≤ 50 ms", AckScenario.fmt(p50) + " ms", p50 <= 50));
            goals.add(new Result.Goal("p99 ≤ 250 ms", AckScenario.fmt(p99) + " ms", p99 <= 250));
        }
        goals.add(new Result.Goal("every command acked and finished", runs.acked() + " acked, "
                + runs.last().count() + " finished of " + runs.sent(),
                runs.acked() == runs.sent() && runs.last().count() == runs.sent()));
        return new Result(name(), name, metrics, goals, latencies.curve(), latencies.histogram(),
                LoadAverage.span(load), first ? "from the root message's ts" : "20 ms polling; includes queueing "
                + "behind the target's earlier runs (runs of one target are serialised)");
    }

    record Runs(int sent, int acked, Latencies first, Latencies last) {
    }

    /** Sends {@code commands} at {@value #PER_SECOND}/s, 8 in flight at most, round robin over the bench targets. */
    private Runs measureRuns(World world, SlackSender sender, int commands, int timeoutSeconds)
            throws InterruptedException {
        List<String> targets = world.benchTargets();
        long started = System.nanoTime();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        AtomicInteger acked = new AtomicInteger();
        Semaphore inFlight = new Semaphore(8);
        Latencies first = new Latencies();
        Latencies last = new Latencies();
        java.util.concurrent.atomic.AtomicBoolean allSent = new java.util.concurrent.atomic.AtomicBoolean();
        // watching starts with the first command: a run that finishes while later commands are still being sent
        // is timed when it finishes, not when sending ends
        Thread watcher = Thread.ofVirtual().start(() -> awaitFinished(world.benchChannels(), world.slack(), sentAt,
                allSent, first, last, timeoutSeconds));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < commands; i++) {
                String target = targets.get(i % targets.size());
                SlackChannel channel = world.channelOf(target);
                long due = started + i * 1_000_000_000L / PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                inFlight.acquire();
                threads.submit(() -> {
                    try {
                        long at = micros(java.time.Instant.now());
                        Optional<String> run = sender.send("status " + target, channel);
                        run.ifPresent(id -> {
                            sentAt.put(id, at);
                            acked.incrementAndGet();
                        });
                    } catch (Exception e) {
                        // not acked: counted below
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        allSent.set(true);
        watcher.join();
        return new Runs(commands, acked.get(), first, last);
    }

    /** Until every acked run shows its final state, or {@code timeoutSeconds} after the last command was sent. */
    private static void awaitFinished(List<SlackChannel> channels, SandboxSlack slack, Map<String, Long> sentAt,
                                      java.util.concurrent.atomic.AtomicBoolean allSent, Latencies first,
                                      Latencies last, int timeoutSeconds) {
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        Map<String, Boolean> done = new ConcurrentHashMap<>();
        long deadline = Long.MAX_VALUE;
        while (!allSent.get() || (done.size() < sentAt.size() && System.nanoTime() < deadline)) {
            if (allSent.get() && deadline == Long.MAX_VALUE) {
                deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            }
            long now = micros(java.time.Instant.now());
            for (SlackMessage m : channels.stream().flatMap(c -> slack.messages(c.id()).stream()).toList()) {
                Optional<String> run = SlackSender.runIdIn(m.text());
                if (run.isEmpty() || !sentAt.containsKey(run.get())) {
                    continue;
                }
                long sent = sentAt.get(run.get());
                if (seen.putIfAbsent(run.get(), true) == null) {
                    first.add(Math.max(0, tsMicros(m.ts()) - sent));
                }
                if (isFinal(m.text()) && done.putIfAbsent(run.get(), true) == null) {
                    last.add(Math.max(0, now - sent));
                }
            }
            AppProcess.sleep(20);
        }
    }

    private static boolean isFinal(String text) {
        for (String mark : FINAL_MARKS) {
            if (text.startsWith(mark) || text.contains(" " + mark + " ")) {
                return true;
            }
        }
        return false;
    }

    static long micros(java.time.Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    static long tsMicros(String ts) {
        int dot = ts.indexOf('.');
        return Long.parseLong(ts.substring(0, dot)) * 1_000_000L + Long.parseLong(ts.substring(dot + 1));
    }
}
