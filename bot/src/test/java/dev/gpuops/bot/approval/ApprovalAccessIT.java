package dev.gpuops.bot.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.bot.slack.ApprovalButtons;
import dev.gpuops.bot.support.RealSshWorld;
import dev.gpuops.event.ApprovalExpired;
import dev.gpuops.event.ApprovalRequested;
import dev.gpuops.event.ApprovalSubmitted;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.StepStarted;
import dev.gpuops.sandbox.slack.CommandResult;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.sandbox.slack.SlackUser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Issue 8, approvals and views against the access policy, on the whole app with a real broker, the sandbox Slack
 * (signed commands and {@code block_actions}) and a real sshd + supervisord box:
 * <ul>
 *   <li>expiry through the real path: a short {@code approvalTimeout} in the targets file elapses, ApprovalExpired
 *       is on Kafka, the run is cancelled saying why, the buttons are replaced by "Expired", a late click is told
 *       when the approval expired;</li>
 *   <li>approve/deny obey {@code access.channels}: from another channel refused (ephemeral, audited), and a forged
 *       ApprovalSubmitted on Kafka from another channel is refused by the handlers too;</li>
 *   <li>{@code /gpu runs} and {@code /gpu audit} without a target list only targets the asker may view.</li>
 * </ul>
 */
class ApprovalAccessIT {

    private static final String OPS = SandboxSlack.GPU_OPS;
    private static final String SECRET = SandboxSlack.GPU_ALERTS;
    private static final String ALICE = "U0ONCALL01";
    private static final String BOB = "U0ONCALL02";
    private static final String CAROL = "U0CAROL01";
    private static final Pattern RUN_ID = Pattern.compile("Run (r-[0-9a-z]{8}) accepted");
    private static RealSshWorld world;
    private static SandboxSlack slack;
    private static EmbeddedKafkaKraftBroker broker;
    private static ConfigurableApplicationContext gpuops;
    private static RunLog log;

    @BeforeAll
    static void start() throws Exception {
        world = RealSshWorld.start(() -> SandboxSlack.builder().ackTimeout(Duration.ofSeconds(30)).start());
        slack = world.slack;
        slack.addUser(new SlackUser(CAROL, "carol", "Carol Contractor", false));
        slack.userGroup("S0APPROVE", List.of(ALICE, BOB));
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        String box = "provider: ssh\n    ssh: " + world.sshAddress()
                + "\n    supervisor: " + world.supervisor() + "\n";
        Path targets = world.writeTargets("""
                access:
                  channels: [%1$s]
                  viewers: ["*"]
                  operators: [%3$s]
                  approvers: [S0APPROVE]
                targets:
                  box-1:
                    channel: %1$s
                    environment: production
                    %5$s
                  box-fast:
                    channel: %1$s
                    environment: production
                    access: { channels: [%1$s], viewers: ["*"], operators: [%3$s], approvers: [S0APPROVE],
                              approvalTimeout: 2s }
                    %5$s
                  box-view:
                    channel: %1$s
                    environment: staging
                    %5$s
                  box-secret:
                    channel: %2$s
                    environment: staging
                    access: { channels: [%2$s], viewers: [%4$s], operators: [%4$s] }
                    %5$s
                """.formatted(OPS, SECRET, ALICE, CAROL, box));
        gpuops = new SpringApplicationBuilder(GpuopsApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--gpuops.targets-file=" + targets,
                "--gpuops.slack.signing-secret=" + SandboxSlack.DEFAULT_SIGNING_SECRET,
                "--gpuops.slack.bot-token=" + SandboxSlack.DEFAULT_BOT_TOKEN,
                "--gpuops.slack.api-url=" + slack.apiUrl(),
                "--gpuops.slack.app-token=",
                "--gpuops.kafka.bootstrap-servers=" + broker.getBrokersAsString());
        int port = ((WebServerApplicationContext) gpuops).getWebServer().getPort();
        slack.botUrl(URI.create("http://127.0.0.1:" + port + "/slack/events"));
        log = new RunLog(broker.getBrokersAsString());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closing : new AutoCloseable[] {log, gpuops, broker::destroy, world}) {
            try {
                if (closing != null) {
                    closing.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + closing + ": " + e);
            }
        }
    }

    @Test
    void anApprovalNobodyDecidesExpiresCancelsTheRunAndALateClickIsToldWhen() throws Exception {
        String pidBefore = pid("worker-cpu");
        String runId = queue(OPS, ALICE, "/gpu restart box-fast worker-cpu");

        ApprovalExpired expired = await("ApprovalExpired on Kafka", () -> log.of(runId, ApprovalExpired.class)
                .stream().findFirst().orElse(null));
        RunFinished finished = await("the run to end", () -> log.of(runId, RunFinished.class).stream().findFirst()
                .orElse(null));
        SlackMessage asking = await("the buttons replaced by the expiry", () -> approvalMessage(runId)
                .filter(m -> m.text().contains("Expired")).orElse(null));

        assertThat(expired.stepId()).isEqualTo("restart");
        assertThat(finished.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(finished.summary()).contains("nobody approved step `restart` within 2s")
                .contains("Run the command again when an approver is around");
        assertThat(asking.text()).contains(":hourglass: Expired: nobody decided in time; the run was cancelled at ");
        assertThat(asking.blocksJson()).doesNotContain(ApprovalButtons.APPROVE);
        assertThat(log.of(runId, StepStarted.class)).noneMatch(s -> s.stepId().equals("restart"));
        assertThat(pid("worker-cpu")).isEqualTo(pidBefore);

        // Bob's client still shows the message as first posted, with its buttons (clients update asynchronously)
        SlackMessage asFirstPosted = new SlackMessage(asking.channel(), asking.ts(), asking.threadTs(),
                asking.user(), asking.botId(), asking.text(), """
                [{"type":"actions","block_id":"approval:%1$s:restart","elements":[
                  {"type":"button","action_id":"%2$s","text":{"type":"plain_text","text":"Approve"},
                   "value":"%1$s:restart","style":"primary"}]}]""".formatted(runId, ApprovalButtons.APPROVE),
                List.of(), false, null);
        CommandResult late = slack.clickButtonAsSeen(OPS, asFirstPosted, BOB, ApprovalButtons.APPROVE);
        assertThat(late.status()).isEqualTo(200);
        assertThat(ephemeralTo(OPS, BOB, "This approval expired at ")).contains("step `restart` of run `"
                + runId + "`").contains("your approve changes nothing");
        CommandResult lateText = slack.sendCommand(OPS, BOB, "/gpu approve " + runId);
        assertThat(lateText.body()).contains("This approval expired at ");
    }

    @Test
    void approvingFromAnotherChannelIsRefusedAtIngressAndByTheHandlersThenTheDenyButtonStopsTheRun() throws Exception {
        String runId = queue(OPS, ALICE, "/gpu restart box-1 fastapi");
        await("the approval buttons", () -> approvalMessage(runId)
                .filter(m -> m.blocksJson().contains(ApprovalButtons.APPROVE)).orElse(null));

        CommandResult elsewhere = slack.sendCommand(SECRET, BOB, "/gpu approve " + runId);
        assertThat(elsewhere.body()).contains("\"response_type\":\"ephemeral\"")
                .contains("approving or denying a step of box-1 is accepted only in \\u003c#" + OPS + "\\u003e");
        // a decision that did not come through ingress: an approver, but from a channel box-1 does not accept
        forge(new ApprovalSubmitted(UUID.randomUUID().toString(), Instant.now(), "box-1", runId, "restart", true,
                new Origin("slack", SECRET, BOB, "bob", "t-" + UUID.randomUUID())));
        String audit = await("both refusals on the audit log", () -> {
            String body = slack.sendCommand(OPS, ALICE, "/gpu audit box-1").body();
            return body.split("approve step restart → \\*refused\\*", -1).length == 3 ? body : null;
        });
        assertThat(audit).contains(runId + " · \\u003c@" + BOB + "\\u003e · approve step restart → *refused*");
        assertThat(log.of(runId, StepStarted.class)).as("refused decisions let nothing run")
                .noneMatch(s -> s.stepId().equals("restart"));
        assertThat(log.of(runId, RunFinished.class)).isEmpty();

        SlackMessage asking = approvalMessage(runId).orElseThrow();
        CommandResult denied = slack.clickButton(OPS, asking.ts(), BOB, ApprovalButtons.DENY);
        assertThat(denied.status()).isEqualTo(200);
        await("the Deny button replaced by the decision", () -> approvalMessage(runId)
                .filter(m -> m.text().contains("Denied by <@" + BOB + ">")).orElse(null));
        RunFinished finished = await("the denial to end the run", () -> log.of(runId, RunFinished.class).stream()
                .findFirst().orElse(null));
        assertThat(finished.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(log.of(runId, ApprovalRequested.class)).hasSize(1);
    }

    @Test
    void runsAndAuditListOnlyTargetsTheAskerMayView() throws Exception {
        String secretRun = queue(SECRET, CAROL, "/gpu status box-secret");
        String openRun = queue(OPS, ALICE, "/gpu status box-view");
        await("both runs to finish", () -> log.of(secretRun, RunFinished.class).isEmpty()
                || log.of(openRun, RunFinished.class).isEmpty() ? null : true);
        await("the bot to see both finish", () -> slack.sendCommand(SECRET, CAROL, "/gpu runs").body()
                .contains(secretRun) ? true : null);

        String alicesRuns = await("alice's runs", () -> {
            String body = slack.sendCommand(OPS, ALICE, "/gpu runs").body();
            return body.contains(openRun) ? body : null;
        });
        String carolsRuns = slack.sendCommand(SECRET, CAROL, "/gpu runs").body();
        String alicesAudit = await("alice's audit", () -> {
            String body = slack.sendCommand(OPS, ALICE, "/gpu audit").body();
            return body.contains(openRun) ? body : null;
        });
        String carolsAudit = await("carol's audit", () -> {
            String body = slack.sendCommand(SECRET, CAROL, "/gpu audit").body();
            return body.contains(secretRun) ? body : null;
        });

        assertThat(alicesRuns).doesNotContain(secretRun).doesNotContain("box-secret");
        assertThat(carolsRuns).contains(secretRun).doesNotContain(openRun);
        assertThat(alicesAudit).doesNotContain(secretRun).doesNotContain("box-secret");
        assertThat(carolsAudit).contains("box-secret").doesNotContain(openRun);
    }

    private static void forge(ApprovalSubmitted decision) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Events.COMMANDS_TOPIC, decision.target(), EventJson.write(decision)))
                    .get();
        }
    }

    private static String queue(String channel, String user, String command) {
        CommandResult ack = slack.sendCommand(channel, user, command);
        assertThat(ack.status()).isEqualTo(200);
        Matcher matcher = RUN_ID.matcher(ack.body());
        assertThat(matcher.find()).as("queued: " + ack.body()).isTrue();
        return matcher.group(1);
    }

    private static java.util.Optional<SlackMessage> approvalMessage(String runId) {
        return slack.messages(OPS).stream()
                .flatMap(root -> slack.replies(OPS, root.ts()).stream())
                .filter(m -> m.text().contains("Approval needed") && m.blocksJson() != null
                        && m.blocksJson().contains(runId))
                .findFirst();
    }

    private static String ephemeralTo(String channel, String user, String prefix) throws InterruptedException {
        return await("an ephemeral to " + user, () -> slack.ephemerals(channel).stream()
                .filter(m -> user.equals(m.ephemeralTo()) && m.text().startsWith(prefix))
                .reduce((first, second) -> second).map(SlackMessage::text).orElse(null));
    }

    private static String pid(String program) throws Exception {
        return world.pid(program);
    }

    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        return RealSshWorld.await(what, Duration.ofSeconds(120), () -> Optional.ofNullable(probe.get()),
                () -> "channel holds: " + slack.messages(OPS));
    }
}
