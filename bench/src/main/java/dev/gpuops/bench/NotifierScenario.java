package dev.gpuops.bench;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepPlan;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.StepSucceeded;
import dev.gpuops.event.Verb;
import dev.gpuops.sandbox.slack.ApiCall;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackChannel;
import dev.gpuops.sandbox.slack.SlackMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code notifier}: one run with 50 steps, i.e. 100 step updates (started, succeeded) into one thread, published
 * on {@code gpuops.runs} 50 ms apart (5 s in all), with sandbox Slack enforcing Slack's per-channel posting
 * limit. Counts the Web API calls and 429s and checks the thread's final state.
 */
final class NotifierScenario implements Scenario {

    private static final String TARGET = "bench-01";
    private static final long GAP_MILLIS = 50;

    @Override
    public String name() {
        return "notifier";
    }

    @Override
    public String description() {
        return "100 step updates into one thread: Slack calls, 429s, final state";
    }

    @Override
    public List<Result> run(BenchContext context) throws Exception {
        World world = context.world();
        context.freshApp("notifier");
        SandboxSlack slack = world.slack();
        slack.channelPostLimit(true, 3);
        try (KafkaProducer<String, byte[]> producer = producer(world.kafkaBootstrap())) {
            warmUp(slack, producer, context.scaled(120, 90));
            String load = LoadAverage.read();
            Instant from = Instant.now();
            String runId = Events.newRunId(java.time.Clock.systemUTC());
            // a channel of its own: nothing else queued in the channel's posting lane
            SlackChannel channel = slack.createChannel("bench-notifier-" + runId, SandboxSlack.BOT_USER_ID);
            int steps = context.scaled(50, 3);
            publish(producer, events(runId, steps, channel.id()));
            Optional<SlackMessage> root = awaitFinal(slack, channel.id(), runId,
                    Duration.ofSeconds(context.scaled(120, 60)));
            AppProcess.sleep(1500); // late updates (a coalesced last chat.update) still count
            List<ApiCall> calls = slack.calls().stream().filter(c -> !c.at().isBefore(from))
                    .filter(c -> channel.id().equals(c.channel()))
                    .filter(c -> c.method().startsWith("chat.")).toList();
            long limited = calls.stream().filter(ApiCall::rateLimited).count();
            boolean correct = root.isPresent() && root.get().text().contains("succeeded");
            Map<String, Object> metrics = new java.util.LinkedHashMap<>();
            metrics.put("step updates", steps * 2);
            metrics.put("chat calls", calls.size());
            metrics.put("chat.postMessage", calls.stream().filter(c -> c.method().equals("chat.postMessage")).count());
            metrics.put("chat.update", calls.stream().filter(c -> c.method().equals("chat.update")).count());
            metrics.put("429s", limited);
            metrics.put("root edits", root.map(m -> m.edits().size()).orElse(0));
            return List.of(new Result(name(), steps * 2 + " updates, one thread", metrics, List.of(
                    new Result.Goal("0 Slack 429s", limited + " 429s", limited == 0),
                    new Result.Goal("final state correct (root shows the run succeeded)",
                            root.map(m -> m.text().lines().findFirst().orElse("")).orElse("no root message"),
                            correct)), Map.of(), Map.of(), LoadAverage.span(load),
                    "sandbox Slack enforces ~1 chat.postMessage/s per channel (burst 3)"));
        } finally {
            slack.heal();
            context.stopApp();
        }
    }

    /**
     * Short runs until one shows up finished in Slack: the bot's consumers have their partitions (a run whose
     * RunStarted went by before that is dropped, by design) and the notifier's path is warm.
     */
    private static void warmUp(SandboxSlack slack, KafkaProducer<String, byte[]> producer, int seconds)
            throws Exception {
        SlackChannel channel = slack.createChannel("bench-notifier-warmup-" + System.nanoTime(),
                SandboxSlack.BOT_USER_ID);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            String runId = Events.newRunId(java.time.Clock.systemUTC());
            List<GpuopsEvent> events = events(runId, 1, channel.id());
            for (GpuopsEvent event : events) {
                producer.send(new ProducerRecord<>(Events.RUNS_TOPIC, event.target(), EventJson.write(event))).get();
            }
            if (awaitFinal(slack, channel.id(), runId, Duration.ofSeconds(5)).filter(m -> m.text()
                    .contains("succeeded")).isPresent()) {
                return;
            }
        }
        throw new IllegalStateException("the bot's notifier did not show a run within " + seconds + " s");
    }

    private static List<GpuopsEvent> events(String runId, int steps, String channel) {
        Origin origin = new Origin("slack", channel, "U0ONCALL01", "alice", "bench-" + runId);
        List<StepPlan> plan = new ArrayList<>();
        for (int i = 1; i <= steps; i++) {
            plan.add(new StepPlan("step-" + i, "log.note", "bench step " + i, true, false));
        }
        List<GpuopsEvent> events = new ArrayList<>();
        events.add(new RunStarted(Events.newEventId(), Instant.now(), TARGET, runId, Verb.STATUS, "status",
                "status " + TARGET + " (bench)", Map.of(), plan, origin));
        for (StepPlan step : plan) {
            events.add(new StepStarted(Events.newEventId(), Instant.now(), TARGET, runId, step.id(), 1));
            events.add(new StepSucceeded(Events.newEventId(), Instant.now(), TARGET, runId, step.id(),
                    Duration.ofMillis(3), "done", Map.of()));
        }
        events.add(new RunFinished(Events.newEventId(), Instant.now(), TARGET, runId, RunOutcome.SUCCEEDED,
                "all " + steps + " steps done", Duration.ofSeconds(1)));
        return events;
    }

    /** One event every {@value #GAP_MILLIS} ms, as a quick runbook reports: faster than Slack lets one thread update. */
    private static void publish(KafkaProducer<String, byte[]> producer, List<GpuopsEvent> events) throws Exception {
        for (GpuopsEvent event : events) {
            producer.send(new ProducerRecord<>(Events.RUNS_TOPIC, event.target(), EventJson.write(event))).get();
            AppProcess.sleep(GAP_MILLIS);
        }
    }

    private static Optional<SlackMessage> awaitFinal(SandboxSlack slack, String channel, String runId,
                                                     Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<SlackMessage> root = Optional.empty();
        while (System.nanoTime() < deadline) {
            root = slack.messages(channel).stream()
                    .filter(m -> SlackSender.runIdIn(m.text()).filter(runId::equals).isPresent()).findFirst();
            if (root.isPresent() && root.get().text().contains("succeeded")) {
                return root;
            }
            AppProcess.sleep(50);
        }
        return root;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }
}
