package dev.gpuops.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.support.RealSshWorld;
import dev.gpuops.provider.ssh.testing.RealSshHost;
import dev.gpuops.sandbox.slack.CommandResult;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackChannel;
import dev.gpuops.sandbox.slack.SlackMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The end-to-end escalation on a real sshd + supervisord, nobody typing until the fix: a release makes
 * worker-gpu crash on start (supervisord gives up: FATAL) → alert in the target's channel → incident channel with
 * on-call invited and a pinned summary diagnosed {@code supervisor-fatal} → exactly one automatic restart
 * ({@code remediate: { restart: once }}), which the crash defeats → an escalation in the incident while still broken
 * → the fault is removed and a human's {@code /gpu restart} succeeds → the incident resolves with its durations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MonitorEscalationOverRealSshIT {

    private static final String CHANNEL = RealSshWorld.CHANNEL;
    private static RealSshWorld world;
    private static RealSshHost ssh;
    private static SandboxSlack slack;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        world = RealSshWorld.start(() -> SandboxSlack.builder().start());
        ssh = world.ssh;
        slack = world.slack;
        installNvidiaSmi();
        world.registerMonitored(registry);
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aProgramThatCrashesOnStartIsRestartedOnceEscalatesAndResolvesAfterTheFix() throws Exception {
        slack.botUrl(java.net.URI.create("http://127.0.0.1:" + port + "/slack/events"));
        // a few healthy probes pass: no incident while healthy
        RealSshWorld.awaitHealthyProbes(meters, 2);
        assertThat(slack.channels()).noneMatch(c -> c.name().startsWith("inc-"));

        Path broken = ssh.dir().resolve("worker-gpu.broken");
        Files.writeString(broken, "release r-bad: missing CUDA kernels\n");
        releaseCrashingWorker(broken);

        SlackMessage alert = await("the alert", () -> slack.messages(CHANNEL).stream()
                .filter(m -> m.text().contains("box-1 is failing")).findFirst());
        // supervisord cycles STARTING and BACKOFF on its way to FATAL (startretries=1): the alert names the last
        // failing state a probe caught, whichever it was
        assertThat(alert.text()).containsPattern("`supervisor-programs` worker-gpu (FATAL|BACKOFF|STARTING)");
        SlackChannel incident = await("the incident channel", () -> slack.channels().stream()
                .filter(c -> c.name().startsWith("inc-")).findFirst());
        assertThat(slack.channel(incident.id()).orElseThrow().members()).contains(SandboxSlack.ONCALL_USER_ID,
                "U0ONCALL02");
        String summaryTs = await("a pinned summary", () -> slack.pins(incident.id()).stream().findFirst());
        await("the diagnosis supervisor-fatal", () -> Optional.of(slack.latestText(incident.id(), summaryTs))
                .filter(t -> t.contains("*Diagnosis:* `supervisor-fatal`")));
        SlackMessage escalation = await("the escalation", () -> slack.messages(incident.id()).stream()
                .filter(m -> m.text().contains("escalated: still failing after automatic action")).findFirst());
        assertThat(escalation.text()).containsPattern("worker-gpu (FATAL|BACKOFF|STARTING)")
                .contains("a human needs to look");
        String summary = slack.latestText(incident.id(), summaryTs);
        Matcher automatic = Pattern.compile("\\*Automatic actions:\\* (.*)").matcher(summary);
        assertThat(automatic.find()).as(summary).isTrue();
        assertThat(automatic.group(1)).as("exactly one automatic restart").matches("`r-[0-9a-z]{8}`");
        assertThat(summary).doesNotContain("*Resolved*");

        Files.delete(broken);
        CommandResult restart = slack.sendCommand(CHANNEL, SandboxSlack.ONCALL_USER_ID, "/gpu restart box-1");
        assertThat(restart.status()).as(restart.body()).isEqualTo(200);
        String resolved = await("the resolved summary", () -> Optional.of(slack.latestText(incident.id(),
                summaryTs)).filter(t -> t.contains("*Resolved*")));
        assertThat(resolved).contains("by the monitor (recovered)").contains("*Duration*")
                .contains("*time to detect*").contains("*time to recover*");
        await("the alert turned resolved", () -> Optional.of(slack.latestText(CHANNEL, alert.ts()))
                .filter(t -> t.startsWith(":white_check_mark: *Resolved:*")));
        assertThat(slack.messages(incident.id()).stream()
                .filter(m -> m.text().contains("escalated: still failing"))).hasSize(1);
        assertThat(slack.latestText(incident.id(), summaryTs)).contains(automatic.group(0));
        assertThat(slack.channels().stream().filter(c -> c.name().startsWith("inc-"))).hasSize(1);
        assertThat(supervisorctl("status", "worker-gpu")).contains("RUNNING");
    }

    /** The GPU box this plays: a healthy nvidia-smi (this machine has none, which is a diagnosis of its own). */
    private static void installNvidiaSmi() throws IOException {
        Path smi = ssh.binDir().resolve("nvidia-smi");
        Files.writeString(smi, """
                #!/bin/sh
                echo '+-----------------------------------------------------------------------------------------+'
                echo '| NVIDIA-SMI 550.127.05             Driver Version: 550.127.05     CUDA Version: 12.4     |'
                echo '|   0  NVIDIA A10                     On  |   00000000:06:00.0 Off |                    0 |'
                echo '|  0%   34C    P8             21W /  150W |       1MiB /  23028MiB |      0%      Default |'
                """);
        smi.toFile().setExecutable(true);
    }

    /**
     * What a bad release does: worker-gpu's command now exits at once while {@code broken} exists, and supervisord
     * (startsecs=1, startretries=1) gives up on it, FATAL. Applied with {@code reread} + {@code update}, as an
     * operator would.
     */
    private static void releaseCrashingWorker(Path broken) throws IOException, InterruptedException {
        Path config = ssh.dir().resolve("supervisord.conf");
        String conf = Files.readString(config);
        int start = conf.indexOf("[program:worker-gpu]");
        int end = conf.indexOf("\n\n", start);
        String section = conf.substring(start, end)
                .replace("command=/bin/sleep 1000000", "command=/bin/sh -c \"if [ -e " + broken
                        + " ]; then echo 'worker-gpu: fatal: cannot start, exiting'; exit 1; fi;"
                        + " exec /bin/sleep 1000000\"")
                .replace("startsecs=0", "startsecs=1\nstartretries=1");
        Files.writeString(config, conf.substring(0, start) + section + conf.substring(end));
        supervisorctl("reread");
        supervisorctl("update", "worker-gpu");
    }

    private static String supervisorctl(String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("supervisorctl", "-s",
                ssh.supervisorSocketUrl()));
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        return RealSshWorld.await(what, Duration.ofSeconds(150), probe, () -> "channels: " + slack.channels()
                + "; messages: " + slack.channels().stream().filter(c -> c.name().startsWith("inc-"))
                .flatMap(c -> slack.messages(c.id()).stream()).map(m -> slack.latestText(m.channel(), m.ts()))
                .toList() + "; alerts: " + slack.messages(CHANNEL));
    }
}
