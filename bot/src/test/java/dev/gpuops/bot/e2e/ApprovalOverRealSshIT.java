package dev.gpuops.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.slack.ApprovalButtons;
import dev.gpuops.bot.support.RealSshWorld;
import dev.gpuops.sandbox.slack.CommandResult;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.sandbox.slack.SlackUser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two-person approval end to end on real parts: a production box behind an {@code access:} policy whose approvers
 * are a Slack user group; {@code /gpu restart} from the sandbox Slack pauses before the restart step with the live
 * blast radius (pid and uptime from the real supervisord) and Approve/Deny buttons; the clicks are signed
 * {@code block_actions} payloads through Bolt; only a second approver's click lets the restart run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApprovalOverRealSshIT {

    private static final String CHANNEL = SandboxSlack.GPU_OPS;
    private static final String ALICE = "U0ONCALL01";
    private static final String BOB = "U0ONCALL02";
    private static final String CAROL = "U0CAROL01";
    private static final Pattern RUN_ID = Pattern.compile("Run (r-[0-9a-z]{8}) accepted");
    private static RealSshWorld world;
    private static SandboxSlack slack;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        // this test is about who may do what, not speed: a loaded machine must not turn an ack into a timeout
        world = RealSshWorld.start(() -> SandboxSlack.builder().ackTimeout(Duration.ofSeconds(30)).start());
        slack = world.slack;
        slack.addUser(new SlackUser(CAROL, "carol", "Carol Contractor", false));
        slack.userGroup("S0APPROVE", List.of(ALICE, BOB));
        world.register(registry, """
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
        if (world != null) {
            world.close();
        }
    }

    @BeforeEach
    void pointSlackAtTheBot() {
        slack.botUrl(URI.create("http://127.0.0.1:" + port + "/slack/events"));
    }

    @Test
    void theRestartWaitsForASecondApproverWhoSeesWhatItStops() throws Exception {
        String pidBefore = pid("worker-gpu");
        String runId = queue(ALICE, "/gpu restart box-1 worker-gpu");
        SlackMessage asking = approvalMessage(runId);
        assertThat(asking.text()).contains("Approval needed").contains("`restart` (runtime.restart)")
                .contains("restart stops worker-gpu (pid " + pidBefore + ", up ");

        CommandResult self = slack.clickButton(CHANNEL, asking.ts(), ALICE, ApprovalButtons.APPROVE);
        assertThat(self.status()).isEqualTo(200);
        assertThat(ephemeralTo(ALICE)).contains("you asked for this run, so a second person must approve it");
        CommandResult stranger = slack.clickButton(CHANNEL, asking.ts(), CAROL, ApprovalButtons.APPROVE);
        assertThat(stranger.status()).isEqualTo(200);
        assertThat(ephemeralTo(CAROL)).contains("needs approver permission on box-1");
        assertThat(pid("worker-gpu")).as("nothing restarted yet").isEqualTo(pidBefore);
        assertThat(slack.message(CHANNEL, asking.ts()).orElseThrow().blocksJson())
                .as("a refused click leaves the buttons").contains(ApprovalButtons.APPROVE);

        CommandResult approved = slack.clickButton(CHANNEL, asking.ts(), BOB, ApprovalButtons.APPROVE);
        assertThat(approved.status()).isEqualTo(200);

        SlackMessage root = finishedRoot(runId);
        assertThat(root.text()).contains("succeeded");
        assertThat(pid("worker-gpu")).isNotBlank().isNotEqualTo(pidBefore);
        SlackMessage decided = await("the buttons replaced by the decision", () -> slack.message(CHANNEL,
                asking.ts()).filter(m -> m.text().contains("Approved by <@" + BOB + ">")).orElse(null));
        assertThat(decided.blocksJson()).doesNotContain(ApprovalButtons.APPROVE);

        String audit = await("the audit log with the run's outcome", () -> {
            String body = slack.sendCommand(CHANNEL, CAROL, "/gpu audit box-1").body();
            return body.contains(runId + " · gpuops · run finished") ? body : null;
        });
        assertThat(audit).contains(runId + " · \\u003c@" + BOB + "\\u003e · approve step restart → *approved*")
                .contains("approve step restart → *refused*")
                .contains(runId + " · \\u003c@" + ALICE + "\\u003e · restart box-1 worker-gpu → *accepted*");
    }

    @Test
    void aDenialByTextFallbackCancelsTheRunAndNothingRestarts() throws Exception {
        String pidBefore = pid("worker-cpu");
        String runId = queue(ALICE, "/gpu restart box-1 worker-cpu");
        SlackMessage asking = approvalMessage(runId);

        CommandResult denied = slack.sendCommand(CHANNEL, BOB, "/gpu deny " + runId);
        assertThat(denied.body()).contains("denied step `restart` of run " + runId);

        SlackMessage root = finishedRoot(runId);
        assertThat(root.text()).contains("cancelled").contains("denied by bob");
        assertThat(pid("worker-cpu")).isEqualTo(pidBefore);
        await("the decision in place of the buttons", () -> slack.message(CHANNEL, asking.ts())
                .filter(m -> m.text().contains("Denied by <@" + BOB + ">")).orElse(null));
    }

    @Test
    void someoneWhoIsNotAnOperatorIsRefusedAndNothingIsQueued() throws InterruptedException {
        CommandResult refused = slack.sendCommand(CHANNEL, CAROL, "/gpu restart box-1 worker-gpu");

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("\"response_type\":\"ephemeral\"").doesNotContain("queued");
        assertThat(ephemeralTo(CAROL)).isEqualTo("Refused: `restart box-1` needs operator permission on box-1; "
                + "only its operators may (<@" + ALICE + ">).");
    }

    private String queue(String user, String command) {
        CommandResult ack = slack.sendCommand(CHANNEL, user, command);
        assertThat(ack.status()).isEqualTo(200);
        Matcher matcher = RUN_ID.matcher(ack.body());
        assertThat(matcher.find()).as("queued: " + ack.body()).isTrue();
        return matcher.group(1);
    }

    private SlackMessage approvalMessage(String runId) throws InterruptedException {
        return await("the approval buttons of " + runId, () -> slack.messages(CHANNEL).stream()
                .flatMap(root -> slack.replies(CHANNEL, root.ts()).stream())
                .filter(m -> m.blocksJson() != null && m.blocksJson().contains(runId + ":restart")
                        && m.blocksJson().contains(ApprovalButtons.APPROVE))
                .findFirst().orElse(null));
    }

    private SlackMessage finishedRoot(String runId) throws InterruptedException {
        return await("the finished root of " + runId, () -> slack.messages(CHANNEL).stream()
                .filter(m -> m.botId() != null && m.text().contains(runId))
                .filter(m -> m.text().contains("succeeded") || m.text().contains("failed")
                        || m.text().contains("cancelled"))
                .findFirst().orElse(null));
    }

    private static String ephemeralTo(String user) throws InterruptedException {
        return await("an ephemeral to " + user, () -> slack.ephemerals(CHANNEL).stream()
                .filter(m -> user.equals(m.ephemeralTo()) && m.text().startsWith("Refused"))
                .reduce((first, second) -> second).map(SlackMessage::text).orElse(null));
    }

    private static String pid(String program) throws Exception {
        return world.pid(program);
    }

    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        return RealSshWorld.await(what, Duration.ofSeconds(90), () -> Optional.ofNullable(probe.get()),
                () -> "channel holds: " + slack.messages(CHANNEL));
    }
}
