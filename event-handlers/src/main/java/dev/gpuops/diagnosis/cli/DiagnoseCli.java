package dev.gpuops.diagnosis.cli;

import dev.gpuops.diagnosis.CatalogException;
import dev.gpuops.diagnosis.Diagnosis;
import dev.gpuops.diagnosis.FailureDiagnoser;
import dev.gpuops.diagnosis.FailurePattern;
import dev.gpuops.diagnosis.PatternCatalog;
import dev.gpuops.diagnosis.eval.CorpusEvaluator;
import dev.gpuops.diagnosis.eval.CorpusException;
import dev.gpuops.diagnosis.eval.CorpusReader;
import dev.gpuops.diagnosis.eval.CorpusSample;
import dev.gpuops.diagnosis.eval.EvalReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code gpuops diagnose [--json] [--patterns DIR] FILE|-}: explains a log file (or stdin) with the failure-pattern
 * catalog. Exit 0 whether or not a pattern matched; 2 on a usage error; 3 when the catalog itself is broken.
 * {@code gpuops diagnose --eval DIR} scores the catalog on a labelled corpus instead (exit 0 whatever the score).
 */
public final class DiagnoseCli {

    static final int OK = 0;
    static final int USAGE = 2;
    static final int BROKEN_CATALOG = 3;
    static final String USAGE_TEXT = """
            usage: gpuops diagnose [--json] [--patterns DIR] FILE|-
                   gpuops diagnose --eval DIR [--patterns DIR]
              FILE|-          the log to explain; - reads standard input
              --json          print one JSON line: {"pattern", "confidence", "meaning", "fix", "evidence", ...}
              --patterns DIR  failure-pattern catalog (default: -Dgpuops.patterns.dir, else runbooks/patterns)
              --eval DIR      score the catalog on a labelled corpus: DIR/*.jsonl, one {"text", "label": id|null,
                              "source", "split": "dev"|"holdout"} a line; prints top-1 accuracy, false alarms on
                              negatives, per-pattern precision/recall and the mistakes, per split""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WIDTH = 100;

    private DiagnoseCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    private record Options(boolean json, Path patterns, String file, Path eval) {
    }

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = new ArgumentParser().parse(args);
        } catch (IllegalArgumentException usage) {
            err.println("gpuops diagnose: " + usage.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (options == null) {
            out.println(USAGE_TEXT);
            return OK;
        }
        return execute(options, stdin, out, err);
    }

    private static int execute(Options options, InputStream stdin, PrintStream out, PrintStream err) {
        if (options.eval() != null) {
            return evaluate(options, out, err);
        }
        String text;
        PatternCatalog catalog;
        try {
            text = read(options.file(), stdin);
        } catch (IOException e) {
            err.println("gpuops diagnose: cannot read " + options.file() + ": " + e.getMessage());
            return USAGE;
        }
        try {
            catalog = PatternCatalog.load(options.patterns(), PatternCatalog.stampFile());
        } catch (CatalogException broken) {
            err.println("gpuops diagnose: failure-pattern catalog is broken: " + broken.getMessage());
            return BROKEN_CATALOG;
        }
        String source = "-".equals(options.file()) ? "stdin" : options.file();
        List<Diagnosis> explained = new FailureDiagnoser(catalog).explainText(text, source);
        out.println(options.json() ? json(explained.getFirst()) : human(explained));
        return OK;
    }

    private static int evaluate(Options options, PrintStream out, PrintStream err) {
        List<CorpusSample> samples;
        try {
            samples = CorpusReader.read(options.eval());
        } catch (CorpusException bad) {
            err.println("gpuops diagnose --eval: " + bad.getMessage());
            return USAGE;
        }
        PatternCatalog catalog;
        try {
            catalog = PatternCatalog.load(options.patterns(), PatternCatalog.stampFile());
        } catch (CatalogException broken) {
            err.println("gpuops diagnose: failure-pattern catalog is broken: " + broken.getMessage());
            return BROKEN_CATALOG;
        }
        CorpusEvaluator evaluator = new CorpusEvaluator(new FailureDiagnoser(catalog),
                catalog.patterns().stream().map(FailurePattern::id).collect(Collectors.toSet()));
        try {
            out.println(EvalReport.render(evaluator.evaluate(samples), evaluator.evaluateAll(samples)));
        } catch (CorpusException bad) {
            err.println("gpuops diagnose --eval: " + bad.getMessage());
            return USAGE;
        }
        return OK;
    }

    /** One pass over the arguments; {@link #parse} returns null when help was asked for. */
    private static final class ArgumentParser {
        private boolean json;
        private Path patterns = PatternCatalog.defaultDir();
        private String file;
        private Path eval;
        private boolean optionsEnded;
        private boolean help;

        Options parse(String[] args) {
            Iterator<String> it = Arrays.asList(args).iterator();
            if (args.length > 1 && "diagnose".equals(args[0])) {
                it.next(); // the launcher's subcommand word
            }
            while (it.hasNext() && !help) {
                accept(it.next(), it);
            }
            if (help) {
                return null;
            }
            if (eval != null && (file != null || json)) {
                throw new IllegalArgumentException("--eval scores a corpus directory; it takes no FILE and no --json");
            }
            if (file == null && eval == null) {
                throw new IllegalArgumentException("which log? give a FILE, or - to read standard input");
            }
            return new Options(json, patterns, file, eval);
        }

        private void accept(String arg, Iterator<String> rest) {
            if (optionsEnded || "-".equals(arg) || !arg.startsWith("-")) {
                if (file != null) {
                    throw new IllegalArgumentException("one file at a time (got " + file + " and " + arg + ")");
                }
                file = arg;
            } else if (arg.startsWith("--patterns")) {
                patterns = Path.of(value("--patterns", arg, rest));
            } else if (arg.startsWith("--eval")) {
                eval = Path.of(value("--eval", arg, rest));
            } else {
                switch (arg) {
                    case "--" -> optionsEnded = true;
                    case "--json" -> json = true;
                    case "-h", "--help" -> help = true;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
        }

        private static String value(String option, String arg, Iterator<String> rest) {
            if (arg.startsWith(option + "=")) {
                return arg.substring(option.length() + 1);
            }
            if (!option.equals(arg)) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
            if (!rest.hasNext()) {
                throw new IllegalArgumentException(option + " needs a directory");
            }
            return rest.next();
        }
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

    static String human(List<Diagnosis> explained) {
        Diagnosis best = explained.getFirst();
        StringBuilder text = new StringBuilder();
        if (best.known()) {
            text.append(best.patternId()).append(" (confidence ").append(decimal(best.confidence())).append("): ")
                    .append(best.title()).append("\n\n");
        } else {
            text.append("No known failure pattern matched.\n\n");
        }
        text.append("What it means:\n").append(wrap(best.meaning())).append("\n\n");
        text.append("What to do:\n").append(wrap(best.fix())).append('\n');
        if (best.remediation() != null) {
            text.append("\nFrom Slack: ").append(best.remediation().replace("${target}", "<target>")).append('\n');
        }
        text.append('\n').append(best.known() ? "Evidence" : "Last relevant lines")
                .append(best.source().isEmpty() ? "" : " (" + best.source() + ")").append(":\n");
        best.evidenceLines().forEach(line -> text.append("  > ").append(line).append('\n'));
        if (explained.size() > 1) {
            text.append("\nAlso matched: ").append(explained.stream().skip(1).limit(4)
                    .map(d -> d.patternId() + " (" + decimal(d.confidence()) + ")")
                    .collect(Collectors.joining(", "))).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Indents a paragraph and wraps it at {@link #WIDTH} columns for terminals and CI logs. */
    static String wrap(String paragraph) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder("  ");
        for (String word : paragraph.strip().split("\\s+")) {
            if (line.length() > 2 && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append("  ");
            }
            line.append(line.length() > 2 ? " " : "").append(word);
        }
        return out.append(line).toString();
    }
}
