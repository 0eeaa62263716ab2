package dev.gpuops.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code gpuops diagnose [--json] [--patterns DIR] FILE|-}: explains a log file (or stdin) with the failure-pattern
 * catalog. Exit 0 whether or not a pattern matched; 2 on a usage error; 3 when the catalog itself is broken.
 */
public final class DiagnoseCli {

    static final int OK = 0;
    static final int USAGE = 2;
    static final int BROKEN_CATALOG = 3;
    static final String USAGE_TEXT = """
            usage: gpuops diagnose [--json] [--patterns DIR] FILE|-
              FILE|-          the log to explain; - reads standard input
              --json          print one JSON line: {"pattern", "confidence", "meaning", "fix", "evidence", ...}
              --patterns DIR  failure-pattern catalog (default: -Dgpuops.patterns.dir, else runbooks/patterns)""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DiagnoseCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    private record Options(boolean json, Path patterns, String file) {
    }

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException usage) {
            err.println("gpuops diagnose: " + usage.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (options == null) {
            out.println(USAGE_TEXT);
            return OK;
        }
        String text;
        try {
            text = read(options.file(), stdin);
        } catch (IOException e) {
            err.println("gpuops diagnose: cannot read " + options.file() + ": " + e.getMessage());
            return USAGE;
        }
        PatternCatalog catalog;
        try {
            catalog = PatternCatalog.load(options.patterns());
        } catch (CatalogException broken) {
            err.println("gpuops diagnose: failure-pattern catalog is broken: " + broken.getMessage());
            return BROKEN_CATALOG;
        }
        String source = "-".equals(options.file()) ? "stdin" : options.file();
        List<Diagnosis> ranked = new FailureDiagnoser(catalog).diagnoseText(text, source);
        Diagnosis best = ranked.isEmpty() ? new FailureDiagnoser(catalog).concludeText(text, source) : ranked.getFirst();
        out.println(options.json() ? json(best) : human(best, ranked));
        return OK;
    }

    /** Null means "help was asked for". */
    private static Options parse(String[] args) {
        boolean json = false;
        Path patterns = PatternCatalog.defaultDir();
        String file = null;
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i == 0 && "diagnose".equals(arg) && args.length > 1) {
                continue;
            }
            if (optionsEnded || "-".equals(arg) || !arg.startsWith("-")) {
                if (file != null) {
                    throw new IllegalArgumentException("one file at a time (got " + file + " and " + arg + ")");
                }
                file = arg;
            } else if ("--".equals(arg)) {
                optionsEnded = true;
            } else if ("--json".equals(arg)) {
                json = true;
            } else if ("-h".equals(arg) || "--help".equals(arg)) {
                return null;
            } else if ("--patterns".equals(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--patterns needs a directory");
                }
                patterns = Path.of(args[++i]);
            } else if (arg.startsWith("--patterns=")) {
                patterns = Path.of(arg.substring("--patterns=".length()));
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("which log? give a FILE, or - to read standard input");
        }
        return new Options(json, patterns, file);
    }

    private static String read(String file, InputStream stdin) throws IOException {
        if ("-".equals(file)) {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file");
        }
        return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    }

    static String json(Diagnosis d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pattern", d.patternId());
        out.put("confidence", d.confidence());
        out.put("meaning", d.meaning());
        out.put("fix", d.fix());
        out.put("evidence", d.evidenceLines());
        out.put("title", d.title());
        out.put("remediation", d.remediation());
        out.put("source", d.source());
        return JSON.writeValueAsString(out);
    }

    static String human(Diagnosis best, List<Diagnosis> ranked) {
        StringBuilder text = new StringBuilder();
        if (best.known()) {
            text.append(best.patternId()).append(" (confidence ")
                    .append(String.format(java.util.Locale.ROOT, "%.2f", best.confidence())).append("): ")
                    .append(best.title()).append("\n\n");
        } else {
            text.append("No known failure pattern matched.\n\n");
        }
        text.append("What it means:\n").append(indent(best.meaning())).append("\n\n");
        text.append("What to do:\n").append(indent(best.fix())).append('\n');
        if (best.remediation() != null) {
            text.append("\nFrom Slack: ").append(best.remediation().replace("${target}", "<target>")).append('\n');
        }
        text.append('\n').append(best.known() ? "Evidence" : "Last relevant lines")
                .append(best.source().isEmpty() ? "" : " (" + best.source() + ")").append(":\n");
        best.evidenceLines().forEach(line -> text.append("  > ").append(line).append('\n'));
        if (ranked.size() > 1) {
            text.append("\nAlso matched: ").append(ranked.stream().skip(1).limit(4)
                    .map(d -> d.patternId() + String.format(java.util.Locale.ROOT, " (%.2f)", d.confidence()))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static String indent(String paragraph) {
        return paragraph.lines().map(line -> "  " + line).collect(Collectors.joining("\n"));
    }
}
