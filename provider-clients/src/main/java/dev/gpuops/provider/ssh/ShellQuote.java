package dev.gpuops.provider.ssh;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting for words that go onto a remote command line. A word made only of characters no shell treats
 * specially stays as it is (so logged command lines stay readable); anything else is wrapped in single quotes, inside
 * which no shell expands anything — the only character that needs care is the single quote itself.
 */
public final class ShellQuote {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    /** Quotes one word. NUL cannot be passed through any shell and is rejected. */
    public static String quote(String word) {
        if (word == null) {
            throw new IllegalArgumentException("cannot quote a missing (null) shell word");
        }
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot contain a NUL character");
        }
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        // close the quote, emit a double-quoted ', reopen: 'it'"'"'s'
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** Quotes each word and joins them with single spaces. */
    public static String join(List<String> words) {
        return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }

    public static String join(String... words) {
        return join(List.of(words));
    }
}
