package dev.gpuops.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.support.RealSshWorld;
import dev.gpuops.sandbox.slack.CommandResult;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The walking skeleton end to end on real parts: a signed {@code /gpu restart box-1 worker-gpu} from the sandbox
 * Slack → Bolt → Kafka (in-process KRaft broker) → handler → shipped runbook → sshj → a real sshd → a real
 * supervisord; the program's pid changes and the thread in the sandbox Slack shows the checklist and the result.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RestartOverRealSshIT {

    private static final String CHANNEL = RealSshWorld.CHANNEL;
    private static RealSshWorld world;
    private static SandboxSlack slack;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        world = RealSshWorld.start(() -> SandboxSlack.builder().start());
        slack = world.slack;
        world.register(registry, """
                targets:
                  box-1:
                    provider: ssh
                    channel: %s
                    environment: staging
                    ssh: %s
                    supervisor: %s
                """.formatted(CHANNEL, world.sshAddress(), world.supervisor()));
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void signedRestartCommandRestartsTheProgramAndReportsEveryStepInTheThread() throws Exception {
        slack.botUrl(URI.create("http://127.0.0.1:" + port + "/slack/events"));
        String pidBefore = pid("worker-gpu");

        CommandResult ack = slack.sendCommand(CHANNEL, SandboxSlack.ONCALL_USER_ID, "/gpu restart box-1 worker-gpu");

        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.body()).contains("ephemeral").containsPattern("Run r-[0-9a-z]{8} accepted: restart box-1");
        SlackMessage root = await("a finished root message", () -> slack.messages(CHANNEL).stream()
                .filter(m -> m.botId() != null && m.text().contains("restart box-1"))
                .filter(m -> m.text().contains("succeeded") || m.text().contains("failed"))
                .findFirst().orElse(null));
        assertThat(root.text()).contains("succeeded");
        List<SlackMessage> thread = slack.replies(CHANNEL, root.ts());
        assertThat(thread).isNotEmpty();
        // the root and the checklist are edited one after the other (each edit waits for Slack's update pace), so
        // the checklist may still be catching up when the root already says succeeded
        String checklist = await("the checklist's result", () -> Optional.of(slack.latestText(CHANNEL,
                thread.getFirst().ts())).filter(text -> text.contains("*Result:*")).orElse(null));
        assertThat(checklist).contains(":white_check_mark:").contains("worker-gpu").doesNotContain(":x:");
        assertThat(pid("worker-gpu")).isNotBlank().isNotEqualTo(pidBefore);
        assertThat(slack.callCount("chat.update")).isPositive();
    }

    private static String pid(String program) throws Exception {
        return world.pid(program);
    }

    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        return RealSshWorld.await(what, Duration.ofSeconds(90), () -> Optional.ofNullable(probe.get()),
                () -> "channel holds: " + slack.messages(CHANNEL));
    }
}
