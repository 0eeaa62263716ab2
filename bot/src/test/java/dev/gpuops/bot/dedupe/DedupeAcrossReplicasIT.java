package dev.gpuops.bot.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.bot.support.IngressITSupport;
import dev.gpuops.bot.support.SlackApiStub;
import dev.gpuops.bot.support.WorkflowRunWebhook;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.Verb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Issue 8: the durable dedupe follows the claims other replicas make after it started. Two {@link DurableDedupe}
 * instances (two replicas) on one real KRaft broker, and then two whole gpuops replicas receiving the same GitHub
 * run (one deploy) and a Slack command whose retry reaches the other replica (one run).
 */
class DedupeAcrossReplicasIT {

    private static final String GITHUB_SECRET = "dedupe-it-github-secret";
    private static final String SIGNING_SECRET = IngressITSupport.SIGNING_SECRET;
    private static final SlackApiStub SLACK_API = SlackApiStub.start();
    private EmbeddedKafkaKraftBroker broker;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 3, DurableDedupe.TOPIC);
        broker.afterPropertiesSet();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closing.reversed()) {
            closeable.close();
        }
        broker.destroy();
    }

    private DurableDedupe replica() {
        DurableDedupe dedupe = new DurableDedupe("github", new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
                new StringSerializer()), new KafkaDedupeLog(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString())), Clock.systemUTC(), Duration.ofDays(1), 10_000, Duration.ofSeconds(30));
        closing.add(dedupe);
        dedupe.warmUp();
        return dedupe;
    }

    @Test
    void aClaimMadeOnOneReplicaAfterTheOtherStartedCountsOnBoth() {
        DurableDedupe a = replica();
        DurableDedupe b = replica();

        assertThat(a.claim("delivery:1")).isEqualTo(DurableDedupe.Claim.NEW);
        assertThat(b.claim("delivery:1")).as("B read the topic before A's claim").isEqualTo(
                DurableDedupe.Claim.DUPLICATE);
        assertThat(b.claim("run:77:1")).isEqualTo(DurableDedupe.Claim.NEW);
        assertThat(a.claim("run:77:1")).isEqualTo(DurableDedupe.Claim.DUPLICATE);

        a.release("delivery:1");
        assertThat(b.claim("delivery:1")).as("a release on A frees the key on B").isEqualTo(
                DurableDedupe.Claim.NEW);
        assertThat(a.claim("delivery:1")).isEqualTo(DurableDedupe.Claim.DUPLICATE);
    }

    @Test
    void twoReplicasClaimingTheSameKeysAtOnceGetOneNewPerKey() throws Exception {
        DurableDedupe a = replica();
        DurableDedupe b = replica();
        List<String> keys = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "delivery:race-" + i).toList();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<DurableDedupe.Claim>> onA = () -> claimAll(a, keys, together);
            Callable<List<DurableDedupe.Claim>> onB = () -> claimAll(b, keys, together);
            Future<List<DurableDedupe.Claim>> fromA = pool.submit(onA);
            Future<List<DurableDedupe.Claim>> fromB = pool.submit(onB);
            List<DurableDedupe.Claim> claimsA = fromA.get();
            List<DurableDedupe.Claim> claimsB = fromB.get();

            int bothNew = 0;
            for (int i = 0; i < keys.size(); i++) {
                List<DurableDedupe.Claim> pair = List.of(claimsA.get(i), claimsB.get(i));
                assertThat(pair).as(keys.get(i)).containsExactlyInAnyOrder(DurableDedupe.Claim.NEW,
                        DurableDedupe.Claim.DUPLICATE);
                bothNew += pair.stream().allMatch(c -> c == DurableDedupe.Claim.NEW) ? 1 : 0;
            }
            System.out.println("[dedupe race] keys=" + keys.size() + ", won by A="
                    + claimsA.stream().filter(c -> c == DurableDedupe.Claim.NEW).count() + ", by B="
                    + claimsB.stream().filter(c -> c == DurableDedupe.Claim.NEW).count() + ", both=" + bothNew);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<DurableDedupe.Claim> claimAll(DurableDedupe dedupe, List<String> keys,
                                                      CyclicBarrier together) throws Exception {
        List<DurableDedupe.Claim> claims = new ArrayList<>();
        for (String key : keys) {
            together.await();
            claims.add(dedupe.claim(key));
        }
        return claims;
    }

    @Test
    void aGithubRunDeliveredToTwoReplicasDeploysOnce() throws Exception {
        ConfigurableApplicationContext a = gpuops();
        ConfigurableApplicationContext b = gpuops();
        a.getBean("githubDedupe", DurableDedupe.class).warmUp();
        b.getBean("githubDedupe", DurableDedupe.class).warmUp();
        long runId = System.nanoTime();
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> first = deliver(port(a), delivery, runId);
        HttpResponse<String> redelivered = deliver(port(b), delivery, runId);
        HttpResponse<String> replayed = deliver(port(b), UUID.randomUUID().toString(), runId);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"runs\"");
        assertThat(redelivered.body()).as("the same delivery on the other replica").contains("duplicate delivery");
        assertThat(replayed.body()).as("the same run under a new delivery id").contains("duplicate run");
        int deploys = EventJson.mapper().readTree(first.body()).path("runs").size();
        assertThat(deploys).isPositive();
        assertThat(deploysQueued()).as("only the first delivery queued deploys").isEqualTo(deploys);
    }

    @Test
    void aSlackRetryThatReachesTheOtherReplicaQueuesOneRun() throws Exception {
        ConfigurableApplicationContext a = gpuops();
        ConfigurableApplicationContext b = gpuops();
        String command = IngressITSupport.slashCommand("status box-1", IngressITSupport.newTriggerId());

        HttpResponse<String> first = slack(port(a), command, Map.of());
        HttpResponse<String> retry = slack(port(b), command, Map.of("X-Slack-Retry-Num", "1",
                "X-Slack-Retry-Reason", "http_timeout"));
        // a later command for the same target (same partition) marks that the retry was consumed before it
        HttpResponse<String> marker = slack(port(b), IngressITSupport.slashCommand("status box-1",
                IngressITSupport.newTriggerId()), Map.of());

        String runId = runIdIn(first.body());
        assertThat(runIdIn(retry.body())).as("the retry names the same run").isEqualTo(runId);
        String markerId = runIdIn(marker.body());
        List<GpuopsEvent> runs = readUntil(Events.RUNS_TOPIC, log -> log.stream().anyMatch(e ->
                e instanceof dev.gpuops.event.RunQueued q && q.runId().equals(markerId)));
        assertThat(runs).filteredOn(e -> e instanceof dev.gpuops.event.RunQueued q && q.runId().equals(runId))
                .as("one run for the command and its retry").hasSize(1);
    }

    private static String runIdIn(String body) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("Run (r-[0-9a-z]{8})").matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    private static HttpResponse<String> slack(int port, String body, Map<String, String> extra) throws Exception {
        String ts = Long.toString(java.time.Instant.now().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/slack/events")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", new com.slack.api.app_backend.SlackSignature.Generator(
                        SIGNING_SECRET).generate(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        extra.forEach(request::header);
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Every event on {@code topic} from the beginning, read until {@code done} holds (bounded). */
    private List<GpuopsEvent> readUntil(String topic, java.util.function.Predicate<List<GpuopsEvent>> done) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<GpuopsEvent> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!done.test(events)) {
                assertThat(System.nanoTime()).as("reading " + topic + ": " + events).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(300)).forEach(r -> events.add(EventJson.read(r.value())));
            }
            return events;
        }
    }

    private ConfigurableApplicationContext gpuops() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GpuopsApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--gpuops.targets-file=src/test/resources/targets.yaml",
                "--gpuops.slack.signing-secret=" + SIGNING_SECRET,
                "--gpuops.slack.bot-token=" + SlackApiStub.BOT_TOKEN,
                "--gpuops.slack.api-url=" + SLACK_API.baseUrl(),
                "--gpuops.slack.app-token=",
                "--gpuops.github.webhook-secret=" + GITHUB_SECRET,
                // the deploy is still in its image step when the replicas close: interrupt it at once, not after
                // the default 30 s grace (the grace has its own tests)
                "--gpuops.shutdown-grace=1s",
                "--gpuops.kafka.bootstrap-servers=" + broker.getBrokersAsString());
        closing.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Deploy commands on gpuops.commands, read to the end (the deliveries above were acknowledged before). */
    private long deploysQueued() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Events.COMMANDS_TOPIC));
            long deploys = 0;
            int emptyPolls = 0;
            while (emptyPolls < 10) {
                var records = consumer.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (var record : records) {
                    GpuopsEvent event = EventJson.read(record.value());
                    if (event instanceof CommandReceived command && command.verb() == Verb.DEPLOY) {
                        deploys++;
                    }
                }
            }
            return deploys;
        }
    }

    private static HttpResponse<String> deliver(int port, String delivery, long runId) throws Exception {
        return WorkflowRunWebhook.deliver(port, GITHUB_SECRET, delivery, runId);
    }
}
