package dev.gpuops.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.sandbox.slack.CommandResult;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.sandbox.ssh.SandboxKeys;
import dev.gpuops.sandbox.ssh.SandboxSshHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bot over Slack Socket Mode, with no route from Slack to the bot's HTTP port at all (the sandbox has no bot
 * URL): Bolt opens a link with the app token, slash commands and button clicks arrive as envelopes and are acked by
 * envelope id, and after Slack's {@code disconnect} the bot opens a new link and keeps working. The target is the
 * in-process sandbox SSH host; the broker is the in-process KRaft broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SocketModeIT {

    private static final String CHANNEL = SandboxSlack.GPU_OPS;
    private static final String ALICE = "U0ONCALL01";
    private static final String BOB = "U0ONCALL02";
    private static final Pattern RUN_ID = Pattern.compile("Run (r-[0-9a-z]{8}) accepted");
    private static SandboxSlack slack;
    private static SandboxSshHost host;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("gpuops-socket-mode");
        SandboxKeys.ClientKeyPair keys = SandboxKeys.generate(dir);
        host = SandboxSshHost.builder().user("ubuntu").authorizedKey(keys).start();
        Path knownHosts = host.writeKnownHosts(dir.resolve("known_hosts"));
        // a loaded machine must not turn an ack into a timeout: this test is about the transport, not speed
        slack = SandboxSlack.builder().ackTimeout(Duration.ofSeconds(30)).start();
        slack.socketMode().enable(true);
        slack.userGroup("S0APPROVE", List.of(ALICE, BOB));
        Path targets = dir.resolve("targets.yaml");
        Files.writeString(targets, """
                access:
                  viewers: ["*"]
                  operators: [%s]
                  approvers: [S0APPROVE]
                targets:
                  box-1:
                    provider: ssh
                    channel: %s
                    environment: production
                    ssh: { host: 127.0.0.1, port: %d, user: ubuntu, privateKey: "%s", knownHosts: "%s" }
                    supervisor: { socket: "%s", programs: [fastapi, worker-cpu, worker-gpu] }
                """.formatted(ALICE, CHANNEL, host.port(), keys.privateKey(), knownHosts,
                host.supervisorSocketUrl()));
        registry.add("gpuops.targets-file", targets::toString);
        registry.add("gpuops.slack.signing-secret", () -> SandboxSlack.DEFAULT_SIGNING_SECRET);
        registry.add("gpuops.slack.bot-token", () -> SandboxSlack.DEFAULT_BOT_TOKEN);
        registry.add("gpuops.slack.app-token", () -> SandboxSlack.DEFAULT_APP_TOKEN);
        registry.add("gpuops.slack.api-url", slack::apiUrl);
    }

    @AfterAll
    static void stop() {
        if (slack != null) {
            slack.close();
        }
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aCommandQueuesARunAndAButtonClickApprovesIt() throws Exception {
        awaitConnections(1);
        int pidBefore = host.programPid("fastapi").orElseThrow();

        String runId = queue(ALICE, "/gpu restart box-1 fastapi");
        SlackMessage asking = await("the approval buttons of " + runId, () -> slack.messages(CHANNEL).stream()
                .flatMap(root -> slack.replies(CHANNEL, root.ts()).stream())
                .filter(m -> m.blocksJson() != null && m.blocksJson().contains(runId + ":restart")
                        && m.blocksJson().contains(ApprovalButtons.APPROVE))
                .findFirst().orElse(null));
        assertThat(host.programPid("fastapi")).as("nothing restarted before approval").hasValue(pidBefore);

        CommandResult approved = slack.clickButton(CHANNEL, asking.ts(), BOB, ApprovalButtons.APPROVE);

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        SlackMessage root = await("the finished root of " + runId, () -> slack.messages(CHANNEL).stream()
                .filter(m -> m.botId() != null && m.text().contains(runId))
                .filter(m -> m.text().contains("succeeded") || m.text().contains("failed"))
                .findFirst().orElse(null));
        assertThat(root.text()).contains("succeeded");
        OptionalInt pidAfter = host.programPid("fastapi");
        assertThat(pidAfter).isPresent();
        assertThat(pidAfter.getAsInt()).isNotEqualTo(pidBefore);
        assertThat(slack.commands()).allSatisfy(c -> assertThat(c.responseUrl()).isNotBlank());
    }

    @Test
    void afterSlacksDisconnectTheBotOpensANewLinkAndTheNextCommandWorks() throws Exception {
        int before = awaitConnections(1);
        int urlsBefore = slack.socketMode().urlsIssued();

        slack.socketMode().disconnect("refresh_requested");

        awaitConnections(before + 1);
        assertThat(slack.socketMode().urlsIssued()).as("a fresh apps.connections.open").isGreaterThan(urlsBefore);
        assertThat(slack.callCount("apps.connections.open")).isGreaterThanOrEqualTo(2);
        String runId = queue(ALICE, "/gpu status box-1");
        assertThat(runId).startsWith("r-");

        slack.socketMode().disconnect("warning");

        awaitConnections(before + 2);
        CommandResult help = slack.sendCommand(CHANNEL, ALICE, "/gpu help");
        assertThat(help.status()).isEqualTo(200);
        assertThat(help.body()).contains("restart");
    }

    private static String queue(String user, String command) {
        CommandResult ack = slack.sendCommand(CHANNEL, user, command);
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        Matcher matcher = RUN_ID.matcher(ack.body());
        assertThat(matcher.find()).as("queued: " + ack.body()).isTrue();
        return matcher.group(1);
    }

    /** Waits until the bot has opened at least {@code count} links and one is open; returns how many it opened. */
    private static int awaitConnections(int count) throws InterruptedException {
        return await(count + " Socket Mode connection(s)", () -> {
            int opened = slack.socketMode().connectionsOpened();
            return opened >= count && slack.socketMode().openConnections() > 0 ? opened : null;
        });
    }

    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; channel holds: " + slack.messages(CHANNEL));
    }
}
