package dev.gpuops.bot.incident;

import dev.gpuops.kafka.DurableProducer;
import dev.gpuops.event.EventJson;
import dev.gpuops.monitor.TopicFollower;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Incident places on the compacted {@value #TOPIC} topic (key = incident id). Every bot replica reads the whole
 * topic at start and keeps following it, so whichever replica handles an incident's next change finds its channel,
 * alert and summary. Writes wait for the broker's acknowledgement.
 */
public final class KafkaIncidentPlaces implements IncidentPlaces, AutoCloseable {

    public static final String TOPIC = "gpuops.incident-slack";

    private final Map<String, IncidentPlace> places = new ConcurrentHashMap<>();
    private final KafkaProducer<String, byte[]> producer;
    private final TopicFollower follower;
    private final Duration timeout;

    public KafkaIncidentPlaces(String bootstrapServers, Map<String, String> clientProperties, Duration timeout) {
        this.timeout = timeout;
        this.producer = DurableProducer.create(bootstrapServers, clientProperties, "gpuops-incident-slack", timeout);
        this.follower = new TopicFollower(bootstrapServers, clientProperties, TOPIC, null, this::read);
    }

    /** Starts reading what is on the topic; every read and write first waits until it is all known. */
    public KafkaIncidentPlaces start() {
        follower.start();
        return this;
    }

    private void loaded() {
        try {
            if (!follower.awaitCaughtUp(Duration.ofSeconds(60))) {
                throw new IllegalStateException("could not read " + TOPIC + " within 60s; is Kafka reachable? "
                        + "The incident change is retried");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + TOPIC, e);
        }
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            places.remove(record.key());
            return;
        }
        IncidentPlace place = EventJson.mapper().readValue(record.value(), IncidentPlace.class);
        places.merge(place.incidentId(), place, KafkaIncidentPlaces::later);
    }

    /** A record read back may be older than what this replica wrote since: never go back. */
    private static IncidentPlace later(IncidentPlace held, IncidentPlace read) {
        if (held.archivedAt() != null && read.archivedAt() == null) {
            return held;
        }
        return read.timelinePosted() < held.timelinePosted() ? held : read;
    }

    @Override
    public Optional<IncidentPlace> find(String incidentId) {
        loaded();
        return Optional.ofNullable(places.get(incidentId));
    }

    @Override
    public void put(IncidentPlace place) {
        loaded();
        try {
            producer.send(new ProducerRecord<>(TOPIC, place.incidentId(), EventJson.mapper().writeValueAsBytes(place)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing where " + place.incidentId() + " is in Slack", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not store where " + place.incidentId() + " is in Slack ("
                    + TOPIC + "): " + e + "; the incident's next change is redelivered and retried", e);
        }
        places.put(place.incidentId(), place);
    }

    @Override
    public Collection<IncidentPlace> all() {
        loaded();
        return List.copyOf(places.values());
    }

    @Override
    public void close() {
        follower.close();
        producer.close(Duration.ofSeconds(5));
    }
}
