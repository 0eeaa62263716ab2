package dev.gpuops.event;

import java.util.Locale;
import java.util.Optional;

/** The {@code /gpu} verbs that start a run on a target. {@code runs}, {@code cancel}, {@code help} do not. */
public enum Verb {
    DEPLOY, PROMOTE, STATUS, RESTART, LOGS, DIAGNOSE, PURGE, SCALE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Verb> parse(String word) {
        for (Verb verb : values()) {
            if (verb.key().equals(word)) {
                return Optional.of(verb);
            }
        }
        return Optional.empty();
    }
}
