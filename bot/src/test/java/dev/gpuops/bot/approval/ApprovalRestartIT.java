package dev.gpuops.bot.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.bot.slack.ApprovalButtons;
import dev.gpuops.bot.support.RealSshWorld;
import dev.gpuops.event.ApprovalGranted;
import dev.gpuops.event.ApprovalRequested;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.StepProgressed;
import dev.gpuops.event.StepStarted;
import dev.gpuops.sandbox.slack.CommandResult;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Issue 8: a run waiting for approval survives a restart of gpuops. The whole app (ingress, handlers, notifier)
 * runs against a broker of the test's own; {@code /gpu restart} on a production box pauses before the restart
 * step; the app is stopped and a new one started on the same broker. The run is still waiting (no step ran, nothing
 * ended INTERRUPTED or CANCELLED), the approval message is the same one, its Approve button, clicked after the
 * restart as a signed {@code block_actions} payload, lets the restart run, once.
 */
class ApprovalRestartIT {

    private static final String CHANNEL = SandboxSlack.GPU_OPS;
    private static final String ALICE = "U0ONCALL01";
    private static final String BOB = "U0ONCALL02";
    private static final Pattern RUN_ID = Pattern.compile("Run (r-[0-9a-z]{8}) accepted");
    private static RealSshWorld world;
    private static SandboxSlack slack;
    private static EmbeddedKafkaKraftBroker broker;
    private static Path targets;

    @BeforeAll
    static void start() throws Exception {
        world = RealSshWorld.start(() -> SandboxSlack.builder().ackTimeout(Duration.ofSeconds(30)).start());
        slack = world.slack;
        slack.userGroup("S0APPROVE", List.of(ALICE, BOB));
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        targets = world.writeTargets("""
                access:
                  viewers: ["*"]
                  operators: [%s]
                  approvers: [S0APPROVE]
                targets:
                  box-1:
                    provider: ssh
                    channel: %s
                    environment: production
                    ssh: %s
                    supervisor: %s
                """.formatted(ALICE, CHANNEL, world.sshAddress(), world.supervisor()));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.destroy();
        }
        if (world != null) {
            world.close();
        }
    }

    private static ConfigurableApplicationContext gpuops() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GpuopsApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--gpuops.targets-file=" + targets,
                "--gpuops.slack.signing-secret=" + SandboxSlack.DEFAULT_SIGNING_SECRET,
                "--gpuops.slack.bot-token=" + SandboxSlack.DEFAULT_BOT_TOKEN,
                "--gpuops.slack.api-url=" + slack.apiUrl(),
                "--gpuops.slack.app-token=",
                "--gpuops.kafka.bootstrap-servers=" + broker.getBrokersAsString());
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        slack.botUrl(URI.create("http://127.0.0.1:" + port + "/slack/events"));
        return context;
    }

    @Test
    void aRunWaitingForApprovalKeepsWaitingAcrossARestartAndItsButtonStillApprovesIt() throws Exception {
        String pidBefore = pid("worker-gpu");
        String runId;
        SlackMessage asking;
        ApprovalRequested firstAsk;
        try (RunLog log = new RunLog(broker.getBrokersAsString())) {
            try (ConfigurableApplicationContext first = gpuops()) {
                runId = queue(ALICE, "/gpu restart box-1 worker-gpu");
                asking = approvalMessage(runId);
                firstAsk = await("the ApprovalRequested", () -> log.of(runId, ApprovalRequested.class).stream()
                        .findFirst().orElse(null));
            }
            assertThat(log.of(runId)).as("stopping gpuops ends nothing").noneMatch(e -> e instanceof RunFinished);

            try (ConfigurableApplicationContext second = gpuops()) {
                await("the run resumed, still waiting", () -> log.of(runId, StepProgressed.class).stream()
                        .filter(p -> p.message().contains("still waits for approval")).findFirst().orElse(null));
                RunsView runs = second.getBean(RunsView.class);
                await("the new bot to know the run waits", () -> runs.waitingApproval(runId).orElse(null));
                assertThat(pid("worker-gpu")).as("nothing restarted while it waited").isEqualTo(pidBefore);

                CommandResult approved = slack.clickButton(CHANNEL, asking.ts(), BOB, ApprovalButtons.APPROVE);
                assertThat(approved.status()).isEqualTo(200);
                RunFinished finished = await("the run to finish", () -> log.of(runId, RunFinished.class).stream()
                        .findFirst().orElse(null));
                SlackMessage decided = await("the buttons replaced by the decision", () -> slack.message(CHANNEL,
                        asking.ts()).filter(m -> m.text().contains("Approved by <@" + BOB + ">")).orElse(null));

                List<ApprovalRequested> asks = log.of(runId, ApprovalRequested.class);
                System.out.println("[approval restart] approval asks=" + asks.size() + ", approval messages="
                        + approvalMessages(runId) + ", restart steps started="
                        + log.of(runId, StepStarted.class).stream().filter(s -> s.stepId().equals("restart"))
                        .count());
                assertThat(finished.outcome()).as(finished.summary()).isEqualTo(RunOutcome.SUCCEEDED);
                assertThat(log.of(runId, RunFinished.class)).hasSize(1);
                assertThat(log.of(runId, StepStarted.class)).filteredOn(s -> s.stepId().equals("restart"))
                        .as("the restart step ran exactly once").hasSize(1);
                assertThat(log.of(runId, ApprovalGranted.class)).singleElement()
                        .extracting(ApprovalGranted::userId).isEqualTo(BOB);
                assertThat(asks).as("asked again after the restart, with the first deadline").hasSize(2)
                        .allSatisfy(a -> assertThat(a.expiresAt()).isEqualTo(firstAsk.expiresAt()));
                assertThat(approvalMessages(runId)).as("one approval message, updated in place").isEqualTo(1);
                assertThat(decided.blocksJson()).doesNotContain(ApprovalButtons.APPROVE);
                assertThat(pid("worker-gpu")).isNotBlank().isNotEqualTo(pidBefore);
            }
        }
    }

    private String queue(String user, String command) {
        CommandResult ack = slack.sendCommand(CHANNEL, user, command);
        assertThat(ack.status()).isEqualTo(200);
        Matcher matcher = RUN_ID.matcher(ack.body());
        assertThat(matcher.find()).as("queued: " + ack.body()).isTrue();
        return matcher.group(1);
    }

    private static SlackMessage approvalMessage(String runId) throws InterruptedException {
        return await("the approval buttons of " + runId, () -> approvalMessagesOf(runId).stream()
                .filter(m -> m.blocksJson().contains(ApprovalButtons.APPROVE)).findFirst().orElse(null));
    }

    private static long approvalMessages(String runId) {
        return approvalMessagesOf(runId).size();
    }

    /** Every message, root or reply, that carries (or carried) the approval of the run's restart step. */
    private static List<SlackMessage> approvalMessagesOf(String runId) {
        return slack.messages(CHANNEL).stream()
                .flatMap(root -> java.util.stream.Stream.concat(java.util.stream.Stream.of(root),
                        slack.replies(CHANNEL, root.ts()).stream().filter(r -> !r.ts().equals(root.ts()))))
                .filter(m -> m.text().contains("Approval needed") && m.text().contains("`restart`")
                        && (m.blocksJson() != null && m.blocksJson().contains(runId)))
                .toList();
    }

    private static String pid(String program) throws Exception {
        return world.pid(program);
    }

    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        return RealSshWorld.await(what, Duration.ofSeconds(120), () -> Optional.ofNullable(probe.get()),
                () -> "channel holds: " + slack.messages(CHANNEL));
    }
}
