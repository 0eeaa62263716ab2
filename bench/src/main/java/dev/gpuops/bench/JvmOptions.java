package dev.gpuops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a jvm/*.options file the way the launcher does: one flag per line, {@code #} starts a comment. */
final class JvmOptions {

    private JvmOptions() {
    }

    static List<String> read(Path file) throws IOException {
        List<String> flags = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no JVM options file " + file);
        }
        for (String line : Files.readAllLines(file)) {
            String flag = line.contains("#") ? line.substring(0, line.indexOf('#')).strip() : line.strip();
            if (!flag.isEmpty()) {
                flags.add(flag);
            }
        }
        if (Runtime.version().feature() >= 24) {
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        return flags;
    }
}
