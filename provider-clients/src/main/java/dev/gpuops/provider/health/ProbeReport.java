package dev.gpuops.provider.health;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every request of one probe, in order: the history diagnosis reads ("refused, refused, then reset" is an app
 * that started and crashed).
 *
 * @param cancelled the caller asked to stop before the probe was decided
 */
public record ProbeReport(URI url, boolean healthy, List<ProbeAttempt> attempts, boolean cancelled) {

    public ProbeReport {
        attempts = List.copyOf(attempts);
    }

    /** The last request, or null when none was made (cancelled during the initial delay). */
    public ProbeAttempt last() {
        return attempts.isEmpty() ? null : attempts.getLast();
    }

    /** One line per request: {@code attempt N: OUTCOME … — detail}. */
    public String history() {
        return "GET " + url + "\n" + attempts.stream().map(ProbeAttempt::describe).collect(Collectors.joining("\n"));
    }
}
