package dev.gpuops.bot.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Claim/release logic and the read-back rules; the real topic round trip is in DurableDedupeIT. */
class DurableDedupeTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final MockProducer<String, String> producer =
            new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());

    private DurableDedupe dedupe(DedupeHistory history) {
        return new DurableDedupe("github", producer, history, clock, Duration.ofDays(4), 100, Duration.ofSeconds(1));
    }

    @Test
    void claimsOnceAndWritesTheClaimToTheTopic() {
        DurableDedupe dedupe = dedupe(DedupeHistory.EMPTY);
        assertThat(dedupe.claim("delivery:d-1")).isEqualTo(DurableDedupe.Claim.NEW);
        assertThat(dedupe.claim("delivery:d-1")).isEqualTo(DurableDedupe.Claim.DUPLICATE);
        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key, ProducerRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DurableDedupe.TOPIC, "github:delivery:d-1",
                        "2026-12-06T10:00:00Z"));
    }

    @Test
    void releaseWritesATombstoneAndAllowsTheKeyAgain() {
        DurableDedupe dedupe = dedupe(DedupeHistory.EMPTY);
        dedupe.claim("k");
        dedupe.release("k");
        assertThat(producer.history().get(1).value()).isNull();
        assertThat(dedupe.claim("k")).isEqualTo(DurableDedupe.Claim.NEW);
    }

    @Test
    void readsBackOwnNamespaceHonouringTombstonesAndTheTtl() {
        List<ConsumerRecord<String, String>> stored = List.of(
                record("github:kept", "2026-12-05T10:00:00Z"),
                record("github:released", "2026-12-05T10:00:00Z"),
                record("github:released", null),
                record("github:too-old", "2026-12-01T10:00:00Z"),
                record("slack:other-namespace", "2026-12-05T10:00:00Z"));
        DurableDedupe dedupe = dedupe((topic, timeout, sink) -> stored.forEach(sink));
        assertThat(dedupe.claim("kept")).isEqualTo(DurableDedupe.Claim.DUPLICATE);
        assertThat(dedupe.claim("released")).isEqualTo(DurableDedupe.Claim.NEW);
        assertThat(dedupe.claim("too-old")).isEqualTo(DurableDedupe.Claim.NEW);
        assertThat(dedupe.claim("other-namespace")).isEqualTo(DurableDedupe.Claim.NEW);
    }

    @Test
    void unreadableHistoryOrRefusedWriteIsUnavailableAndRemembersNothing() {
        DurableDedupe unreadable = dedupe((topic, timeout, sink) -> {
            throw new org.apache.kafka.common.errors.TimeoutException("Timeout expired while fetching metadata");
        });
        assertThat(unreadable.claim("k")).isEqualTo(DurableDedupe.Claim.UNAVAILABLE);

        MockProducer<String, String> failing =
                new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        DurableDedupe refused = new DurableDedupe("github", failing, DedupeHistory.EMPTY, clock, Duration.ofDays(4),
                100, Duration.ofMillis(50));
        assertThat(refused.claim("k")).isEqualTo(DurableDedupe.Claim.UNAVAILABLE);
        assertThat(refused.size()).isZero();
    }

    private static ConsumerRecord<String, String> record(String key, String value) {
        return new ConsumerRecord<>(DurableDedupe.TOPIC, 0, 0L, key, value);
    }
}
