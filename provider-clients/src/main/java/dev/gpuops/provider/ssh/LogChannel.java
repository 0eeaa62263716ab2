package dev.gpuops.provider.ssh;

import java.util.Locale;

/** Which of a program's logs {@code supervisorctl tail} reads. */
public enum LogChannel {
    STDOUT, STDERR;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LogChannel parse(String text) {
        return switch (text == null ? "stdout" : text.toLowerCase(Locale.ROOT)) {
            case "stdout", "" -> STDOUT;
            case "stderr" -> STDERR;
            default -> throw new IllegalArgumentException("log channel must be stdout or stderr, not '" + text + "'");
        };
    }
}
