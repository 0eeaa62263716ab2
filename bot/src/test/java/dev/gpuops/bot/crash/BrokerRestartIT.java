package dev.gpuops.bot.crash;

import static dev.gpuops.bot.crash.CrashWorld.await;
import static dev.gpuops.bot.crash.CrashWorld.checklists;
import static dev.gpuops.bot.crash.CrashWorld.firstLine;
import static dev.gpuops.bot.crash.CrashWorld.runId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.StepSucceeded;
import dev.gpuops.sandbox.slack.SlackMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarted under a waiting run: {@code ./gpuops kafka} as its own process, the bot in REAL mode on it
 * ({@code KAFKA_BOOTSTRAP_SERVERS}), {@code /gpu restart sophia} waiting at its health step when the broker is killed
 * with {@code kill -9} and started again on the same port and data. The bot keeps running, the run completes, every
 * event of the run is on {@code gpuops.runs} once, and Slack shows one thread.
 */
class BrokerRestartIT {

    @TempDir
    Path dir;
    private int port;
    private int controllerPort;
    private Path data;
    private Path log;
    private final List<BrokerProcess> brokers = new ArrayList<>();
    private CrashWorld world;

    @BeforeEach
    void start() throws Exception {
        port = BrokerProcess.freePort();
        controllerPort = BrokerProcess.freePort();
        data = dir.resolve("kafka");
        log = Files.createDirectories(Path.of("target", "bot-kill-it")).resolve("broker.log");
        broker();
        world = new CrashWorld(dir, "127.0.0.1:" + port);
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
        for (BrokerProcess broker : brokers) {
            if (broker.alive()) {
                broker.kill9();
            }
        }
    }

    @Test
    void aRunWaitingWhileTheBrokerRestartsCompletesWithEveryEventOnceInOneThread() throws Exception {
        BotProcess bot = world.bot("on-standalone-broker");
        String run = firstAccepted(bot, "restart sophia");
        await("the health step to probe", () -> world.healthProbes.get() > 0, bot);
        await("the root message", () -> world.roots(run) == 1, bot);

        brokers.getLast().kill9();
        int probesWhileDown = world.healthProbes.get();
        await("the run to keep probing while the broker is down", () -> world.healthProbes.get() > probesWhileDown,
                bot);
        broker();
        world.healthy.set(true);
        await("the run to finish", () -> world.rootText(run).contains("succeeded"), bot);
        world.awaitSlackQuiet(bot);

        List<RunEvent> events = runLog(run);
        List<SlackMessage> thread = world.thread(run);
        System.out.println("[broker restart mid-run] events=" + events.stream()
                .map(e -> e.getClass().getSimpleName()).collect(Collectors.groupingBy(n -> n, Collectors.counting()))
                + ", roots=" + world.roots(run) + ", checklists=" + checklists(thread, run) + ", outcome="
                + firstLine(world.rootText(run)));
        assertThat(bot.alive()).as("the bot survived the broker restart").isTrue();
        assertThat(count(events, RunQueued.class)).isEqualTo(1);
        assertThat(count(events, RunStarted.class)).isEqualTo(1);
        assertThat(count(events, StepStarted.class)).isEqualTo(1);
        assertThat(count(events, StepSucceeded.class)).as("the health step's success, published after the restart")
                .isEqualTo(1);
        assertThat(events).filteredOn(RunFinished.class::isInstance).extracting(e -> ((RunFinished) e).outcome())
                .containsExactly(RunOutcome.SUCCEEDED);
        assertThat(world.roots(run)).isEqualTo(1);
        assertThat(checklists(thread, run)).isEqualTo(1);
        assertThat(world.rootText(run)).contains("succeeded");
    }

    /**
     * What a user does when the bot answers "Kafka did not accept the command within 2 s … try again": the same
     * command again (a new invocation, so a new trigger_id). A fresh broker may take longer than that for the first
     * record on a loaded machine; the refusal itself starts nothing, which the single RunQueued below confirms.
     */
    private String firstAccepted(BotProcess bot, String command) throws Exception {
        for (int attempt = 1; ; attempt++) {
            var ack = world.signed(bot, world.slashCommand(command, CrashWorld.newTriggerId()), Map.of());
            if (!ack.body().contains("Kafka did not accept the command") || attempt == 5) {
                System.out.println("[broker restart mid-run] command accepted at attempt " + attempt);
                return runId(ack);
            }
            Thread.sleep(1000);
        }
    }

    private void broker() throws Exception {
        brokers.add(BrokerProcess.start(port, controllerPort, data, log));
    }

    private static long count(List<RunEvent> events, Class<? extends RunEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }

    /** Every event of the run on gpuops.runs, read from the restarted broker. */
    private List<RunEvent> runLog(String runId) {
        List<RunEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Events.RUNS_TOPIC, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < giveUp) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    GpuopsEvent event = EventJson.read(record.value());
                    if (event instanceof RunEvent runEvent && runEvent.runId().equals(runId)) {
                        events.add(runEvent);
                    }
                }
            }
        }
        return events;
    }
}
