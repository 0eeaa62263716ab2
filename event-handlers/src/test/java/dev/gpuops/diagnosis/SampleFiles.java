package dev.gpuops.diagnosis;

import dev.gpuops.runbook.action.Evidence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sample logs for the diagnosis tests. A file named {@code <kind>.<name>.txt} is one piece of evidence of that kind
 * (kind as in {@link Evidence.Kind#key()}); a file named {@code multi.<name>.txt} holds several, each introduced by
 * a line {@code ### evidence: <kind> <source>}. (Not *.log: the repository's .gitignore drops those.)
 */
final class SampleFiles {

    private static final String SECTION = "### evidence: ";

    private SampleFiles() {
    }

    static List<Path> under(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Evidence> evidence(Path file) {
        String text = read(file);
        String name = file.getFileName().toString();
        String prefix = name.substring(0, name.indexOf('.'));
        if (!prefix.equals("multi")) {
            return List.of(new Evidence(PatternReader.kind(prefix), "sample " + name, text));
        }
        List<Evidence> out = new ArrayList<>();
        for (String section : text.split("(?m)^(?=" + SECTION + ")")) {
            if (!section.startsWith(SECTION)) {
                continue;
            }
            int eol = section.indexOf('\n');
            String[] header = section.substring(SECTION.length(), eol).split(" ", 2);
            out.add(new Evidence(PatternReader.kind(header[0]), header.length > 1 ? header[1] : header[0],
                    section.substring(eol + 1)));
        }
        return out;
    }

    /** All the evidence texts of a sample run together, as a user would paste them into the CLI. */
    static String freeText(Path file) {
        return String.join("\n", evidence(file).stream().map(Evidence::text).toList());
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
