package dev.gpuops.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds, for a regex, a small set of plain strings at least one of which occurs in every text the regex matches:
 * the prefilter that lets the scanner skip the regex on almost every line. Conservative by construction: optional
 * parts, classes and escapes end a literal run; alternations yield one needle per branch; an empty result means
 * "no usable needle", never a wrong one. Needles are lower-case ASCII and compared case-insensitively.
 */
final class LiteralExtractor {

    static final int MIN_LENGTH = 3;
    private static final char PLACEHOLDER = '\u001A';
    private static final Pattern COMMENTS_FLAG = Pattern.compile("\\(\\?[a-wyz-]*x");

    private final String re;
    private int pos;

    private LiteralExtractor(String re) {
        this.re = re;
    }

    static List<String> extract(String regex) {
        Found found = found(regex);
        return found == null || found.best() == null ? List.of() : List.copyOf(found.best());
    }

    /**
     * Every needle set the regex requires, {@link #extract}'s among them: a line can only match when, for each
     * set, one of its needles occurs in it. For {@code \\bworkers?\\b.{0,60}?\\b(?:stuck|hang)\\b} that is
     * {@code [worker]} and {@code [stuck, hang]}, so a routine "worker-gpu step 7/50" line is ruled out without
     * running the regex. A regex with several top-level branches yields just {@link #extract}'s union.
     */
    static List<Set<String>> required(String regex) {
        Found found = found(regex);
        return found == null || found.best() == null ? List.of() : found.clauses();
    }

    private static Found found(String regex) {
        if (regex.contains("(?x") || COMMENTS_FLAG.matcher(regex).find()) {
            return null; // comments mode makes whitespace meaningless; ask the author for a literal
        }
        return new LiteralExtractor(regex).alternation();
    }

    /**
     * What one alternation requires: {@code best}, the needle set the prefilter visits lines by (one per branch,
     * united; null when a branch has none), and {@code clauses}, every set the alternation requires (all of a
     * single branch's; for several branches just {@code best}).
     */
    private record Found(Set<String> best, List<Set<String>> clauses) {
    }

    private Found alternation() {
        List<Found> branches = new ArrayList<>();
        branches.add(sequence());
        while (pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            branches.add(sequence());
        }
        if (branches.size() == 1) {
            return branches.getFirst();
        }
        Set<String> union = new LinkedHashSet<>();
        for (Found branch : branches) {
            if (branch.best() == null) {
                return new Found(null, List.of());
            }
            union.addAll(branch.best());
        }
        return new Found(union, List.of(union));
    }

    private Found sequence() {
        Best best = new Best();
        StringBuilder run = new StringBuilder();
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            char c = re.charAt(pos);
            if (c == '(') {
                best.offer(run);
                group(best);
            } else if (c == '\\' && pos + 1 < re.length() && isLiteralEscape(re.charAt(pos + 1))) {
                pos += 2;
                literal(re.charAt(pos - 1), run, best);
            } else if (c == '\\' || c == '[' || c == '.' || c == '^' || c == '$') {
                best.offer(run);
                pos = c == '\\' ? RegexSyntax.skipEscape(re, pos) : c == '[' ? RegexSyntax.skipClass(re, pos) : pos + 1;
                skipQuantifier();
            } else {
                pos++;
                literal(c, run, best);
            }
        }
        best.offer(run);
        return new Found(best.needles, List.copyOf(best.clauses));
    }

    private static boolean isLiteralEscape(char e) {
        return !Character.isLetterOrDigit(e);
    }

    private void literal(char c, StringBuilder run, Best best) {
        int[] q = RegexSyntax.quantifier(re, pos);
        if (q == null) {
            run.append(c);
            return;
        }
        pos = q[2];
        if (q[0] >= 1) {
            run.append(c);
        }
        best.offer(run);
    }

    private void group(Best best) {
        if (RegexSyntax.isInlineFlags(re, pos)) {
            pos = re.indexOf(')', pos) + 1;
            return;
        }
        boolean lookaround = RegexSyntax.isLookaround(re, pos);
        pos = RegexSyntax.skipGroupOpening(re, pos);
        Found inner = alternation();
        if (pos < re.length() && re.charAt(pos) == ')') {
            pos++;
        }
        int[] q = RegexSyntax.quantifier(re, pos);
        if (q != null) {
            pos = q[2];
        }
        if (!lookaround && inner.best() != null && (q == null || q[0] >= 1)) {
            best.offer(inner.best());
            best.clauses.addAll(inner.clauses());
        }
    }

    /**
     * The prefilter's view of text: ASCII upper case lowered, and every character beyond Latin-1 (progress-bar
     * blocks, emoji) folded to one placeholder. Lengths are kept, so offsets still point into the original, and the
     * result is a compact Latin-1 string, which {@link String#indexOf} scans fastest. Needles get the same folding,
     * so a needle can only over-match, never miss.
     */
    static String lower(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char folded = fold(c);
            if (folded != c) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = folded;
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** One character as {@link #lower} folds it; always below 256. */
    static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c > 0xFF ? PLACEHOLDER : c;
    }

    private void skipQuantifier() {
        int[] q = RegexSyntax.quantifier(re, pos);
        if (q != null) {
            pos = q[2];
        }
    }

    /** The best needle set seen in one sequence: longest shortest needle, then fewest needles. */
    private static final class Best {
        Set<String> needles;
        /** every candidate that was good enough to be offered: each is required on its own */
        final Set<Set<String>> clauses = new LinkedHashSet<>();

        void offer(StringBuilder run) {
            if (run.length() >= MIN_LENGTH) {
                offer(Set.of(lower(run.toString())));
            }
            run.setLength(0);
        }

        void offer(Set<String> candidate) {
            if (candidate.isEmpty() || candidate.stream().anyMatch(s -> s.length() < MIN_LENGTH)) {
                return;
            }
            Set<String> lower = new LinkedHashSet<>();
            candidate.forEach(s -> lower.add(lower(s)));
            clauses.add(lower);
            if (needles == null || score(lower) > score(needles)
                    || (score(lower) == score(needles) && lower.size() < needles.size())) {
                needles = lower;
            }
        }

        /** Spaces are in nearly every line, so they do not make a needle more selective. */
        private static int score(Set<String> set) {
            return set.stream().mapToInt(s -> (int) s.chars().filter(c -> c != ' ').count()).min().orElse(0);
        }
    }
}
