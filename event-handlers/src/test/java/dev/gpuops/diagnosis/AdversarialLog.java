package dev.gpuops.diagnosis;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates logs that make a line prefilter's life hard: real fault lines (from the corpus) mixed with routine
 * lines, behind timestamp/compose/klog prefixes, wrapped in ANSI codes, in changed case, cut in the middle of a
 * needle, joined, repeated, progress bars ending in lone carriage returns, CRLF, characters beyond Latin-1 (blocks,
 * emoji, a lone surrogate) and lines longer than the cleaner keeps.
 */
final class AdversarialLog {

    private static final String[] ROUTINE = {
        "INFO  worker-gpu step 7/50 done in 0.41s (it/s 2.43)",
        "DEBUG queue depth=3 inflight=3 completed=1180",
        "INFO  uvicorn.access 10.0.0.7:51234 - \"POST /v1/generate HTTP/1.1\" 200 OK",
        "WARN  slow request: 2.1s for job 42 (p99 budget 2.0s)",
        "worker registered with fleet secret rotation ok",
        "runpod worker active, scale to zero disabled",
        "",
        "   ",
    };
    private static final String[] PREFIXES = {
        "", "2026-02-08T10:15:30.123456789Z ", "image-server-1  | ", "E0208 10:15:30.123456    1234 kubelet.go:1256] ",
        "Feb  8 10:15:30 gpu-box dockerd[912]: ", "[7] ", "time=\"2026-02-08T10:15:30Z\" ", "[10:15:30] ",
    };
    private static final String[] ODD = {"\u2588", "\uD83D\uDE80", "\uD800", "\u00E9", "\u212A", "\u001A", "?"};

    private AdversarialLog() {
    }

    static String generate(Random random, List<String> faults, int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            String line = random.nextInt(3) == 0 ? faults.get(random.nextInt(faults.size()))
                    : ROUTINE[random.nextInt(ROUTINE.length)];
            text.append(PREFIXES[random.nextInt(PREFIXES.length)]).append(mangle(random, line, faults))
                    .append(ending(random));
        }
        return text.toString();
    }

    private static String mangle(Random random, String line, List<String> faults) {
        return switch (random.nextInt(12)) {
            case 0 -> line.toUpperCase(Locale.ROOT);
            case 1 -> "\u001B[31m" + line + "\u001B[0m";
            case 2 -> cut(random, line);
            case 3 -> line + " " + faults.get(random.nextInt(faults.size()));
            case 4 -> insertAt(random, line, ODD[random.nextInt(ODD.length)]);
            case 5 -> "Downloading: 10%|\u2588     |\rDownloading: 90%|\u2588\u2588\u2588\u2588 |\r" + line;
            case 6 -> random.nextInt(4) == 0 ? "x".repeat(LineCleaner.MAX_LINE - 20) + " " + line : line;
            case 7 -> insertAt(random, line, "\u001B[1m");
            case 8 -> swapCase(random, line);
            default -> line;
        };
    }

    private static String ending(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "\r\n";
            case 1 -> "\r";
            default -> "\n";
        };
    }

    private static String cut(Random random, String line) {
        return line.isEmpty() ? line : line.substring(0, random.nextInt(line.length()));
    }

    private static String insertAt(Random random, String line, String insert) {
        int at = line.isEmpty() ? 0 : random.nextInt(line.length());
        return line.substring(0, at) + insert + line.substring(at);
    }

    private static String swapCase(Random random, String line) {
        StringBuilder out = new StringBuilder(line);
        for (int i = 0; i < out.length(); i++) {
            if (random.nextInt(4) == 0) {
                char c = out.charAt(i);
                out.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
            }
        }
        return out.toString();
    }
}
