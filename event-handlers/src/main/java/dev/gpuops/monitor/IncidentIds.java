package dev.gpuops.monitor;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/** {@code inc-20261206-box-1}; the second incident of box-1 that day is {@code inc-20261206-box-1-2}. */
final class IncidentIds {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private IncidentIds() {
    }

    static String next(String name, Instant at, Collection<String> existing) {
        String base = "inc-" + DAY.format(at) + "-" + name;
        if (!existing.contains(base)) {
            return base;
        }
        int n = 2;
        while (existing.contains(base + "-" + n)) {
            n++;
        }
        return base + "-" + n;
    }
}
