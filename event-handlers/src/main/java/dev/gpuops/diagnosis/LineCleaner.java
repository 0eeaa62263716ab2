package dev.gpuops.diagnosis;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one raw log line into its content: ANSI colour and cursor codes removed, and the timestamp and source
 * prefixes that docker ({@code -t}), docker compose, Kubernetes (klog), journald/syslog, gunicorn, supervisord and
 * Python logging put in front stripped, so rules match what the program said. Log levels are kept: they are content.
 * Not thread-safe (it reuses matchers); make one per scan.
 */
final class LineCleaner {

    /** Longer lines are cut: it bounds regex work per line and nobody reads 8 KB of one line in Slack. */
    static final int MAX_LINE = 8192;

    private static final Pattern ANSI = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]");

    /** A prefix shape, with a cheap test that rules it out on most lines before the regex runs. */
    private record Prefix(Pattern regex, Predicate<String> possible) {
    }

    private static final List<Prefix> PREFIXES = List.of(
            // docker compose: "image-server-1  | "
            new Prefix(Pattern.compile("[A-Za-z0-9][\\w.-]{0,80} +\\| ?"), l -> within(l, '|', 90)),
            // ISO-8601 and python/supervisord timestamps, optionally bracketed: "2026-02-08T10:15:30.123456789Z "
            new Prefix(Pattern.compile("\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?"
                    + "(?: ?(?:Z|[+-]\\d{2}:?\\d{2}|UTC))?\\]?(?: +-)? *"),
                    l -> startsWithDigit(l, 0) || startsWithDigit(l, 1)),
            // syslog/journald: "Feb  8 10:15:30 gpu-box dockerd[912]: "
            new Prefix(Pattern.compile(
                    "[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} [\\w.-]{1,64} [\\w.@/-]{1,64}(?:\\[\\d+])?: *"),
                    l -> l.length() > 16 && l.charAt(3) == ' ' && Character.isUpperCase(l.charAt(0))),
            // journald short-iso after its timestamp: "gpu-box comfyui-worker[1234]: "
            new Prefix(Pattern.compile("[\\w.-]{1,64} [\\w.@/-]{1,64}\\[\\d{2,}]: *"), l -> within(l, ']', 140)),
            // klog: "E0208 10:15:30.123456    1234 kuberuntime_manager.go:1256] "
            new Prefix(Pattern.compile("[IWEF]\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d+ +\\d+ [\\w.-]+:\\d+] *"),
                    l -> "IWEF".indexOf(l.charAt(0)) >= 0 && startsWithDigit(l, 1)),
            // gunicorn pid "[7] ", time-only "[10:15:30] ", docker daemon logfmt time="…"
            new Prefix(Pattern.compile("\\[\\d+] +"), l -> l.charAt(0) == '['),
            new Prefix(Pattern.compile("\\[?\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?]? +"),
                    l -> startsWithDigit(l, 0) || startsWithDigit(l, 1)),
            new Prefix(Pattern.compile("time=\"[^\"]{1,64}\" +"), l -> l.startsWith("time=\"")));

    private final List<Matcher> prefixes = PREFIXES.stream().map(p -> p.regex().matcher("")).toList();
    private final Matcher ansi = ANSI.matcher("");

    String clean(String raw) {
        String line = raw.length() > MAX_LINE ? raw.substring(0, MAX_LINE) : raw;
        if (line.indexOf('\u001B') >= 0) {
            line = ansi.reset(line).replaceAll("");
        }
        return stripPrefixes(line.strip());
    }

    private String stripPrefixes(String line) {
        String out = line;
        for (int round = 0; round < 4 && !out.isEmpty(); round++) {
            String before = out;
            for (int i = 0; i < prefixes.size() && !out.isEmpty(); i++) {
                Matcher prefix = prefixes.get(i);
                if (PREFIXES.get(i).possible().test(out) && prefix.reset(out).lookingAt() && prefix.end() > 0
                        && prefix.end() < out.length()) {
                    out = out.substring(prefix.end());
                }
            }
            if (out.equals(before)) {
                break;
            }
        }
        return out;
    }

    private static boolean within(String line, char c, int limit) {
        for (int i = 1; i < Math.min(line.length(), limit); i++) {
            if (line.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithDigit(String line, int index) {
        return line.length() > index && Character.isDigit(line.charAt(index));
    }
}
