package dev.gpuops.diagnosis;

/** Skips over the parts of Java regex syntax that the literal extractor and the safety check both step across. */
final class RegexSyntax {

    private RegexSyntax() {
    }

    /** Index just past the escape starting at {@code i} (which holds the backslash). */
    static int skipEscape(String re, int i) {
        int j = i + 1;
        if (j >= re.length()) {
            return j;
        }
        char e = re.charAt(j);
        if (e == 'Q') {
            int end = re.indexOf("\\E", j + 1);
            return end < 0 ? re.length() : end + 2;
        }
        if ((e == 'p' || e == 'P' || e == 'x' || e == 'N') && j + 1 < re.length() && re.charAt(j + 1) == '{') {
            int end = re.indexOf('}', j + 1);
            return end < 0 ? re.length() : end + 1;
        }
        if (e == 'k' && j + 1 < re.length() && re.charAt(j + 1) == '<') {
            int end = re.indexOf('>', j + 1);
            return end < 0 ? re.length() : end + 1;
        }
        return switch (e) {
            case 'p', 'P', 'c' -> j + 2;
            case 'x' -> j + 3;
            case 'u' -> j + 5;
            case '0' -> skipDigits(re, j + 1);
            default -> j + 1;
        };
    }

    private static int skipDigits(String re, int i) {
        while (i < re.length() && Character.isDigit(re.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Index just past the character class starting at {@code i} (which holds the '['), nested classes included. */
    static int skipClass(String re, int i) {
        int j = i + 1;
        if (j < re.length() && re.charAt(j) == '^') {
            j++;
        }
        if (j < re.length() && re.charAt(j) == ']') {
            j++;
        }
        while (j < re.length()) {
            char c = re.charAt(j);
            if (c == '\\') {
                j = skipEscape(re, j);
            } else if (c == '[') {
                j = skipClass(re, j);
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return j;
    }

    /** Index just past the opening of the group at {@code i}: "(", "(?:", "(?<name>", "(?i:"… */
    static int skipGroupOpening(String re, int i) {
        int j = i + 1;
        if (j >= re.length() || re.charAt(j) != '?') {
            return j;
        }
        j++;
        if (j < re.length() && re.charAt(j) == '<' && j + 1 < re.length()
                && re.charAt(j + 1) != '=' && re.charAt(j + 1) != '!') {
            return re.indexOf('>', j) + 1;
        }
        while (j < re.length() && re.charAt(j) != ':' && re.charAt(j) != ')'
                && "=!<>".indexOf(re.charAt(j)) < 0) {
            j++;
        }
        if (j < re.length() && re.charAt(j) == '<') {
            j++;
        }
        return Math.min(j + 1, re.length());
    }

    static boolean isLookaround(String re, int i) {
        return re.startsWith("(?=", i) || re.startsWith("(?!", i) || re.startsWith("(?<=", i)
                || re.startsWith("(?<!", i);
    }

    /** "(?i)"-style inline flags with no group body. */
    static boolean isInlineFlags(String re, int i) {
        if (!re.startsWith("(?", i)) {
            return false;
        }
        int j = i + 2;
        while (j < re.length() && (Character.isLetter(re.charAt(j)) || re.charAt(j) == '-')) {
            j++;
        }
        return j > i + 2 && j < re.length() && re.charAt(j) == ')';
    }

    /**
     * The quantifier at {@code i}: {@code null} when there is none, else {min, max, end} with max -1 for unbounded
     * and end just past any lazy/possessive suffix.
     */
    static int[] quantifier(String re, int i) {
        if (i >= re.length()) {
            return null;
        }
        int[] q = switch (re.charAt(i)) {
            case '?' -> new int[] {0, 1, i + 1};
            case '*' -> new int[] {0, -1, i + 1};
            case '+' -> new int[] {1, -1, i + 1};
            case '{' -> braces(re, i);
            default -> null;
        };
        if (q != null && q[2] < re.length() && (re.charAt(q[2]) == '?' || re.charAt(q[2]) == '+')) {
            q[2]++;
        }
        return q;
    }

    private static int[] braces(String re, int i) {
        int end = re.indexOf('}', i);
        if (end < 0) {
            return null;
        }
        String[] parts = re.substring(i + 1, end).split(",", -1);
        try {
            int min = Integer.parseInt(parts[0].trim());
            int max = parts.length == 1 ? min : parts[1].isBlank() ? -1 : Integer.parseInt(parts[1].trim());
            return new int[] {min, max, end + 1};
        } catch (NumberFormatException notAQuantifier) {
            return null;
        }
    }
}
