package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.bot.support.SlackApiStub;
import dev.gpuops.event.CancelRequested;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The in-process broker starts before Kafka's auto-configuration reads its address and never outlives the context. */
class EmbeddedKafkaInitializerIT {

    private static final SlackApiStub SLACK_API = SlackApiStub.start();

    /** Properties go in as command-line arguments: they must win over application.yaml, like real ones do. */
    private static ConfigurableApplicationContext bot(AtomicReference<ConfigurableApplicationContext> seen,
                                                      String targetsFile) {
        return new SpringApplicationBuilder(GpuopsApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(seen::set)
                .run("--gpuops.kafka.bootstrap-servers=", "--gpuops.slack.signing-secret=s",
                        "--gpuops.slack.bot-token=" + SlackApiStub.BOT_TOKEN,
                        "--gpuops.slack.api-url=" + SLACK_API.baseUrl(),
                        "--spring.kafka.listener.auto-startup=false", "--gpuops.targets-file=" + targetsFile);
    }

    @Test
    void brokerServesTheContextAndStopsWithIt() {
        AtomicReference<ConfigurableApplicationContext> seen = new AtomicReference<>();
        String address;
        try (ConfigurableApplicationContext context =
                     bot(seen, "src/test/resources/targets.yaml")) {
            EmbeddedKafkaKraftBroker broker = context.getBean(EmbeddedKafkaKraftBroker.class);
            address = context.getEnvironment().getProperty("spring.kafka.bootstrap-servers");
            assertThat(address).isEqualTo(broker.getBrokersAsString());
            assertThat(reachable(address)).isTrue();
            assertThat(context.getBean(CommandPublisher.class).publish(new CancelRequested(
                    "e1", Instant.now(), "box-1", "r-aaaaaaaa", null)))
                    .isInstanceOf(PublishResult.Acked.class);
        }
        assertThat(reachable(address)).isFalse();
    }

    @Test
    void failedStartupDestroysTheBrokerSoTheJvmCanExit() {
        Set<Long> threadsBefore = liveNonDaemonThreads();
        AtomicReference<ConfigurableApplicationContext> seen = new AtomicReference<>();

        assertThatThrownBy(() -> bot(seen, "does/not/exist.yaml"))
                .hasStackTraceContaining("GPUOPS_TARGETS_FILE");

        String address = seen.get().getEnvironment().getProperty("spring.kafka.bootstrap-servers");
        assertThat(address).isNotBlank();
        assertThat(reachable(address)).isFalse();
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(newThreadNames(threadsBefore)).isEmpty());
    }

    private static Set<Long> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .map(Thread::threadId).collect(Collectors.toSet());
    }

    private static Set<String> newThreadNames(Set<Long> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && !before.contains(t.threadId()))
                .map(Thread::getName).collect(Collectors.toSet());
    }

    private static boolean reachable(String address) {
        String first = address.split(",")[0];
        int colon = first.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))),
                    1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
