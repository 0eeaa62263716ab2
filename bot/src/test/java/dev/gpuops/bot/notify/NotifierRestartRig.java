package dev.gpuops.bot.notify;

import com.slack.api.methods.MethodsClient;
import dev.gpuops.event.RunEvent;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What the notifier-restart ITs ({@link SlackThreadRestartIT}, {@link SlackReplyRestartIT}) stand on: a real KRaft
 * broker holding {@code gpuops.slack-threads}, the sandbox Slack on a settable clock reached through the real SDK,
 * and notifiers built the way a restart builds them (a new object with a new store read from Kafka). One rig per
 * test (a registered extension field): every test starts from an empty thread topic.
 */
final class NotifierRestartRig implements AutoCloseable, AfterEachCallback {

    static final String OPS = NotifierSandbox.OPS;

    final SettableClock clock;
    final SandboxSlack sandbox;
    private final NotifierSandbox slack;
    private final EmbeddedKafkaKraftBroker broker;

    NotifierRestartRig() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, ThreadStore.TOPIC);
        broker.afterPropertiesSet();
        slack = new NotifierSandbox();
        clock = slack.clock;
        sandbox = slack.sandbox;
    }

    /** The Web API client a notifier uses, pointed at the sandbox with its bot token. */
    MethodsClient methods() {
        return slack.methods();
    }

    /** Kafka client settings for a {@link ThreadStore} on this rig's broker. */
    Map<String, Object> kafka() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
    }

    /** Closes {@code closeable} with the rig, before the Slack client, the sandbox and the broker. */
    <T extends AutoCloseable> T closeLater(T closeable) {
        return slack.closeLater(closeable);
    }

    /** A new store, read from Kafka as after a restart. */
    ThreadStore store() {
        ThreadStore store = closeLater(new ThreadStore(kafka(), Duration.ofSeconds(15)));
        store.load();
        return store;
    }

    SlackNotifier notifier(ThreadStore store) {
        return closeLater(new SlackNotifier(methods(), NotifierSettings.defaults(), clock, clock::sleep, store));
    }

    /** Hands {@code events[from, to)} to the notifier at their offsets, as the runs listener does. */
    static void feed(SlackNotifier notifier, List<RunEvent> events, int from, int to) {
        for (int i = from; i < to; i++) {
            notifier.accept(events.get(i), 0, i);
        }
    }

    static void settle(SlackNotifier notifier) throws InterruptedException {
        NotifierSandbox.settle(notifier);
    }

    /** The channel's one root message (a second would be a duplicated thread). */
    SlackMessage onlyRoot() {
        return slack.onlyRoot(OPS);
    }

    /** As a JUnit extension (a field of the test instance, so one per test): closed after each test. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws Exception {
        try {
            slack.close();
        } finally {
            broker.destroy();
        }
    }
}
