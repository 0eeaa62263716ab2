package dev.gpuops.bot.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GPUOPS_INCIDENT_ARCHIVE_AFTER}: archives an incident's channel that long after it was resolved. The
 * schedule is the resolve time stored with the incident's Slack place on Kafka, so it survives restarts; the archive
 * is stored there too, so no replica archives twice. Each replica archives the incidents whose partition it handles.
 */
public final class IncidentArchiver {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentArchiver.class);

    private final IncidentPlaces places;
    private final IncidentSlack slack;
    private final Duration after;
    private final Clock clock;
    private final Predicate<String> mine;

    /** @param mine whether this replica handles the incident with that id */
    public IncidentArchiver(IncidentPlaces places, IncidentSlack slack, Duration after, Clock clock,
                            Predicate<String> mine) {
        this.places = places;
        this.slack = slack;
        this.after = after;
        this.clock = clock;
        this.mine = mine;
    }

    /** Archives every channel that is due; returns how many it archived. */
    public int sweep() {
        Instant now = clock.instant();
        int archived = 0;
        for (IncidentPlace place : places.all()) {
            if (place.channel() == null || place.resolvedAt() == null || place.archivedAt() != null
                    || place.resolvedAt().plus(after).isAfter(now) || !mine.test(place.incidentId())) {
                continue;
            }
            IncidentSlack.Answer<?> answer = slack.archive(place.channel());
            if (answer.ok() || "already_archived".equals(answer.error())
                    || "channel_not_found".equals(answer.error())) {
                places.put(place.archived(now));
                archived++;
            } else {
                LOG.warn("could not archive the channel of {} ({}): {}; trying again on the next sweep",
                        place.incidentId(), place.channel(), answer.error());
            }
        }
        return archived;
    }

    /** How often to look: often enough to be on time within a few percent of the delay, at most once a minute. */
    public static Duration period(Duration after) {
        Duration quarter = after.dividedBy(4);
        Duration minute = Duration.ofMinutes(1);
        return quarter.compareTo(minute) > 0 ? minute : quarter.isZero() ? Duration.ofSeconds(1) : quarter;
    }
}
