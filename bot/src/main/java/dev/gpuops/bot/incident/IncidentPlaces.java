package dev.gpuops.bot.incident;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The Slack coordinates of every incident: on Kafka in the bot ({@link KafkaIncidentPlaces}). */
public interface IncidentPlaces {

    Optional<IncidentPlace> find(String incidentId);

    /** Returns once the place is stored (on Kafka: acknowledged by the broker). */
    void put(IncidentPlace place);

    Collection<IncidentPlace> all();

    /** Kept in this process only: for tests of the Slack rendering that do not restart anything. */
    static IncidentPlaces inMemory() {
        Map<String, IncidentPlace> places = new ConcurrentHashMap<>();
        return new IncidentPlaces() {
            @Override
            public Optional<IncidentPlace> find(String incidentId) {
                return Optional.ofNullable(places.get(incidentId));
            }

            @Override
            public void put(IncidentPlace place) {
                places.put(place.incidentId(), place);
            }

            @Override
            public Collection<IncidentPlace> all() {
                return List.copyOf(places.values());
            }
        };
    }
}
