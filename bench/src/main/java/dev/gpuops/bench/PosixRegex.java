package dev.gpuops.bench;

/**
 * Turns the catalog's Java regexes into POSIX ERE for GNU grep: inline flags dropped (grep runs with -i),
 * non-capturing and named groups made plain, lazy quantifiers greedy, Java's class shorthands spelled as POSIX classes. Enough for the comparison;
 * matching is case-insensitive for every regex, which only makes grep's job slightly larger.
 */
final class PosixRegex {

    private PosixRegex() {
    }

    static String fromJava(String regex) {
        StringBuilder out = new StringBuilder();
        String r = regex.replace("(?i)", "").replace("(?:", "(").replace("(?i:", "(")
                .replaceAll("\\(\\?<[A-Za-z][A-Za-z0-9]*>", "(");
        boolean inClass = false;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\' && i + 1 < r.length() && inClass) {
                char n = r.charAt(++i);
                out.append(switch (n) {
                    case 'd' -> "0-9";
                    case 's' -> "[:space:]";
                    case 'w' -> "[:alnum:]_";
                    default -> "\\" + n;
                });
            } else if (c == '\\' && i + 1 < r.length()) {
                char n = r.charAt(++i);
                out.append(switch (n) {
                    case 'd' -> "[0-9]";
                    case 'D' -> "[^0-9]";
                    case 's' -> "[[:space:]]";
                    case 'S' -> "[^[:space:]]";
                    case 'w' -> "[[:alnum:]_]";
                    case 'W' -> "[^[:alnum:]_]";
                    default -> "\\" + n;
                });
            } else {
                inClass = c == '[' || (inClass && c != ']');
                out.append(c);
            }
        }
        // lazy quantifiers become greedy: whether a line matches is the same
        return out.toString().replaceAll("([*+}?])\\?", "$1");
    }
}
