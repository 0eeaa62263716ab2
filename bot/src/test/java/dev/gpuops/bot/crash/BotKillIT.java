package dev.gpuops.bot.crash;

import static dev.gpuops.bot.crash.CrashWorld.await;
import static dev.gpuops.bot.crash.CrashWorld.checklists;
import static dev.gpuops.bot.crash.CrashWorld.count;
import static dev.gpuops.bot.crash.CrashWorld.firstLine;
import static dev.gpuops.bot.crash.CrashWorld.runId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.sandbox.slack.CommandResult;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The whole bot killed with {@code kill -9} and started again, in REAL mode: a separate JVM configured like
 * production (targets file, SLACK_* with the API URL at a sandbox Slack in this JVM, RunPod at the RunPod sandbox,
 * KAFKA_BOOTSTRAP_SERVERS at a KRaft broker in this JVM that outlives every bot), commands as signed Slack requests.
 * Three bot processes in a row, one per phase, so the JVM starts stay few:
 * <ol>
 *   <li>bot A: {@code /gpu restart sophia} waits at its health step → kill -9;</li>
 *   <li>bot B: the run resumes and finishes once in the same thread; Slack's retry of the command (same
 *       trigger_id, X-Slack-Retry-Num) is answered with the same run; {@code /gpu purge sophia} is killed while
 *       RunPod has the purge call in flight;</li>
 *   <li>bot C: the purge run ends INTERRUPTED in its own thread, naming the step; the purge was called once.</li>
 * </ol>
 * The sandbox Slack must show one root and one checklist per run. The counts are printed for the record.
 */
class BotKillIT {

    private static final String CHANNEL = CrashWorld.CHANNEL;

    @TempDir
    Path dir;
    private EmbeddedKafkaKraftBroker broker;
    private CrashWorld world;

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.afterPropertiesSet();
        world = new CrashWorld(dir, broker.getBrokersAsString());
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
        broker.destroy();
    }

    @Test
    void killedTwiceTheBotFinishesEachRunOnceInOneThreadAndNeverRepeatsThePurge() throws Exception {
        // phase 1: a run waiting at a health step
        BotProcess first = world.bot("a");
        String restartBody = world.slashCommand("restart sophia", CrashWorld.newTriggerId());
        String restartRun = runId(world.signed(first, restartBody, Map.of()));
        await("the health step to probe", () -> world.healthProbes.get() > 0, first);
        await("the root message", () -> world.roots(restartRun) == 1, first);
        first.kill9();
        int probesBeforeRestart = world.healthProbes.get();

        // phase 2: the run resumes and finishes once; a retry of the command is the same run; a purge in flight
        BotProcess second = world.bot("b");
        await("the resumed health step to probe again",
                () -> world.healthProbes.get() > probesBeforeRestart + 1, second);
        world.healthy.set(true);
        await("the restart run to finish", () -> world.rootText(restartRun).contains("succeeded"), second);
        world.awaitSlackQuiet(second);
        HttpResponse<String> retry = world.signed(second, restartBody,
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));
        world.runPod.responseDelay(Duration.ofSeconds(8));
        CommandResult purge = world.slack.sendCommand(CHANNEL, SandboxSlack.ONCALL_USER_ID, "/gpu purge sophia");
        String purgeRun = runId(purge.status(), purge.body());
        await("RunPod to receive the purge", () -> purgeCalls() == 1, second);
        second.kill9();
        world.runPod.responseDelay(Duration.ZERO);

        // phase 3: the purge is not repeated; its thread says INTERRUPTED and names the step
        BotProcess third = world.bot("c");
        await("the purge run to end", () -> world.rootText(purgeRun).toLowerCase().contains("interrupted"), third);
        world.awaitSlackQuiet(third);
        List<SlackMessage> purgeThread = world.thread(purgeRun);
        List<SlackMessage> restartThread = world.thread(restartRun);

        System.out.println("[bot kill -9: health wait] roots=" + world.roots(restartRun) + ", checklists="
                + checklists(restartThread, restartRun) + ", resumed replies="
                + count(restartThread, "resumed after a restart") + ", outcome="
                + firstLine(world.rootText(restartRun)));
        System.out.println("[bot kill -9: purge in flight] roots=" + world.roots(purgeRun) + ", checklists="
                + checklists(purgeThread, purgeRun) + ", purge calls=" + purgeCalls() + ", outcome="
                + firstLine(world.rootText(purgeRun)));
        System.out.println("[slack retry after restart] ack=" + retry.statusCode() + ", runs for the trigger="
                + world.roots(restartRun) + ", root messages in the channel=" + world.slack.messages(CHANNEL).size());

        assertThat(world.roots(restartRun)).as("one root for the restart run").isEqualTo(1);
        assertThat(checklists(restartThread, restartRun)).as("one checklist for the restart run").isEqualTo(1);
        assertThat(count(restartThread, "resumed after a restart of gpuops")).isEqualTo(1);
        assertThat(world.rootText(restartRun)).contains("succeeded");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).contains(restartRun);

        assertThat(world.roots(purgeRun)).as("one root for the purge run").isEqualTo(1);
        assertThat(checklists(purgeThread, purgeRun)).as("one checklist for the purge run in "
                + purgeThread.stream().map(SlackMessage::text).toList()).isEqualTo(1);
        assertThat(purgeThread).anySatisfy(m -> assertThat(m.text()).contains("`purge`").contains("in flight"));
        assertThat(purgeCalls()).as("the destructive call was made once, not repeated").isEqualTo(1);
        assertThat(world.slack.messages(CHANNEL)).as("two commands, two runs, two roots").hasSize(2);
    }

    private long purgeCalls() {
        return world.runPod.received().stream().filter(r -> r.endsWith("/purge-queue")).count();
    }
}
