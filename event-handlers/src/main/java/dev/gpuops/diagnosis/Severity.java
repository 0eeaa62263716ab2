package dev.gpuops.diagnosis;

import java.util.Locale;

/** How bad a recognised failure is for the service, as written in a pattern's {@code severity}. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Severity parse(String key) {
        return key == null ? ERROR : valueOf(key.toUpperCase(Locale.ROOT));
    }
}
