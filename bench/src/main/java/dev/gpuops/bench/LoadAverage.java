package dev.gpuops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The box's load average: numbers measured on a busy machine must say so. */
final class LoadAverage {

    private LoadAverage() {
    }

    /** The first three fields of /proc/loadavg ("1.02 0.88 0.61"), or "unknown" off Linux. */
    static String read() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** "before → after", for a case that ran between the two readings. */
    static String span(String before) {
        return before + " → " + read();
    }
}
