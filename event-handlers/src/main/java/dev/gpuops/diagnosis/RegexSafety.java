package dev.gpuops.diagnosis;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Rejects the regex shapes that backtrack catastrophically: a group holding an unbounded quantifier that is itself
 * repeated, as in {@code (\w+)+} or {@code (a|.*)*}. Lines are also capped in length by the scanner, so whatever
 * this heuristic lets through stays bounded.
 */
final class RegexSafety {

    private RegexSafety() {
    }

    /** A description of the first dangerous construct, or empty when the regex looks safe. */
    static Optional<String> problem(String re) {
        Deque<Boolean> unboundedInside = new ArrayDeque<>();
        unboundedInside.push(false);
        Deque<Integer> openedAt = new ArrayDeque<>();
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\') {
                i = afterAtom(re, RegexSyntax.skipEscape(re, i), unboundedInside);
            } else if (c == '[') {
                i = afterAtom(re, RegexSyntax.skipClass(re, i), unboundedInside);
            } else if (c == '(' && RegexSyntax.isInlineFlags(re, i)) {
                i = re.indexOf(')', i) + 1;
            } else if (c == '(') {
                openedAt.push(i);
                unboundedInside.push(false);
                i = RegexSyntax.skipGroupOpening(re, i);
            } else if (c == ')' && !openedAt.isEmpty()) {
                int start = openedAt.pop();
                boolean inner = unboundedInside.pop();
                int[] q = RegexSyntax.quantifier(re, i + 1);
                if (inner && q != null && (q[1] == -1 || q[1] > 1)) {
                    return Optional.of("the group at offset " + start + " contains an unbounded repeat and is itself"
                            + " repeated, which can backtrack catastrophically; make the inner or outer repeat"
                            + " bounded or possessive");
                }
                markUnbounded(unboundedInside, inner || (q != null && q[1] == -1));
                i = q == null ? i + 1 : q[2];
            } else {
                i = afterAtom(re, i + 1, unboundedInside);
            }
        }
        return Optional.empty();
    }

    private static int afterAtom(String re, int next, Deque<Boolean> unboundedInside) {
        int[] q = RegexSyntax.quantifier(re, next);
        if (q == null) {
            return next;
        }
        boolean possessive = q[2] > 0 && re.charAt(q[2] - 1) == '+' && q[2] - 1 > next;
        if (q[1] == -1 && !possessive) {
            markUnbounded(unboundedInside, true);
        }
        return q[2];
    }

    private static void markUnbounded(Deque<Boolean> unboundedInside, boolean unbounded) {
        if (unbounded) {
            unboundedInside.pop();
            unboundedInside.push(true);
        }
    }
}
