package dev.gpuops.sandbox.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the POSIX shell subset that remote tools send: words with single quotes, double quotes and backslashes,
 * {@code && || ; |} and newlines, redirections ({@code > >> < 2> 2>&1 >&2}), {@code #} comments and
 * {@code $HOME}/{@code $USER}. Command substitution is refused rather than run, so an unquoted {@code $(…)} in a
 * test shows up as an error instead of silently "working".
 */
final class ShellSyntax {

    record Redirect(int fd, String op, String target) {
    }

    record Simple(List<String> words, List<Redirect> redirects) {
    }

    /** One pipeline and the operator that follows it ({@code &&}, {@code ||}, {@code ;}, or null at the end). */
    record Item(List<Simple> pipeline, String next) {
    }

    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private sealed interface Token permits Word, Op {
    }

    private record Word(String text) implements Token {
    }

    private record Op(String op) implements Token {
    }

    private ShellSyntax() {
    }

    static List<Item> parse(String line, Map<String, String> vars) throws SyntaxError {
        return items(new Tokenizer(line, vars).tokens());
    }

    private static List<Item> items(List<Token> tokens) throws SyntaxError {
        List<Item> items = new ArrayList<>();
        List<Simple> pipeline = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i) instanceof Word w) {
                words.add(w.text());
                continue;
            }
            String op = ((Op) tokens.get(i)).op();
            if (isRedirect(op)) {
                i = redirect(tokens, i, op, redirects);
                continue;
            }
            if (words.isEmpty()) {
                throw new SyntaxError("syntax error near unexpected token `" + op + "'");
            }
            pipeline.add(new Simple(List.copyOf(words), List.copyOf(redirects)));
            words.clear();
            redirects.clear();
            if (!op.equals("|")) {
                items.add(new Item(List.copyOf(pipeline), op));
                pipeline.clear();
            }
        }
        if (!words.isEmpty()) {
            pipeline.add(new Simple(List.copyOf(words), List.copyOf(redirects)));
        } else if (!pipeline.isEmpty()) {
            throw new SyntaxError("syntax error: unexpected end of file");
        }
        if (!pipeline.isEmpty()) {
            items.add(new Item(List.copyOf(pipeline), null));
        }
        return items;
    }

    private static boolean isRedirect(String op) throws SyntaxError {
        return switch (op) {
            case "2>&1", ">&2", ">", ">>", "<", "2>", "2>>", "&>" -> true;
            case "|", "&&", "||", ";" -> false;
            default -> throw new SyntaxError("the sandbox shell does not support `" + op + "'");
        };
    }

    /** Adds the redirection at {@code i} and returns the index of its last token. */
    private static int redirect(List<Token> tokens, int i, String op, List<Redirect> redirects) throws SyntaxError {
        if (op.equals("2>&1") || op.equals(">&2")) {
            redirects.add(op.equals("2>&1") ? new Redirect(2, ">&", "1") : new Redirect(1, ">&", "2"));
            return i;
        }
        if (i + 1 >= tokens.size() || !(tokens.get(i + 1) instanceof Word target)) {
            throw new SyntaxError("syntax error near unexpected token `newline'");
        }
        redirects.add(redirect(op, target.text()));
        return i + 1;
    }

    private static Redirect redirect(String op, String target) {
        return switch (op) {
            case ">" -> new Redirect(1, ">", target);
            case ">>" -> new Redirect(1, ">>", target);
            case "<" -> new Redirect(0, "<", target);
            case "2>" -> new Redirect(2, ">", target);
            case "2>>" -> new Redirect(2, ">>", target);
            default -> new Redirect(3, ">", target); // &> : both streams
        };
    }

    private static final class Tokenizer {
        private final String s;
        private final Map<String, String> vars;
        private final List<Token> tokens = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;
        private int i;

        Tokenizer(String s, Map<String, String> vars) {
            this.s = s;
            this.vars = vars;
        }

        List<Token> tokens() throws SyntaxError {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t') {
                    endWord();
                    i++;
                } else if (c == '\n') {
                    endWord();
                    tokens.add(new Op(";"));
                    i++;
                } else if (c == '#' && !inWord) {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '\'') {
                    singleQuoted();
                } else if (c == '"') {
                    doubleQuoted();
                } else if (c == '\\') {
                    escaped();
                } else if (c == '$' || c == '`') {
                    dollar(c);
                } else if ("&|;<>".indexOf(c) >= 0) {
                    operator();
                } else {
                    word.append(c);
                    inWord = true;
                    i++;
                }
            }
            endWord();
            return tokens;
        }

        private void singleQuoted() throws SyntaxError {
            int end = s.indexOf('\'', i + 1);
            if (end < 0) {
                throw new SyntaxError("unexpected EOF while looking for matching `''");
            }
            word.append(s, i + 1, end);
            inWord = true;
            i = end + 1;
        }

        private void doubleQuoted() throws SyntaxError {
            inWord = true;
            i++;
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
                    word.append(s.charAt(i + 1));
                    i += 2;
                } else if (c == '$' || c == '`') {
                    dollar(c);
                } else {
                    word.append(c);
                    i++;
                }
            }
            if (i >= s.length()) {
                throw new SyntaxError("unexpected EOF while looking for matching `\"'");
            }
            i++;
        }

        private void escaped() {
            if (i + 1 < s.length()) {
                if (s.charAt(i + 1) != '\n') {
                    word.append(s.charAt(i + 1));
                    inWord = true;
                }
                i += 2;
            } else {
                i++;
            }
        }

        private void dollar(char c) throws SyntaxError {
            if (c == '`' || (i + 1 < s.length() && s.charAt(i + 1) == '(')) {
                throw new SyntaxError("the sandbox shell does not run command substitution");
            }
            int end = i + 1;
            boolean braced = end < s.length() && s.charAt(end) == '{';
            int start = braced ? end + 1 : end;
            end = start;
            while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                end++;
            }
            inWord = true;
            if (end == start) {
                word.append('$');
                i++;
                return;
            }
            word.append(vars.getOrDefault(s.substring(start, end), ""));
            i = braced && end < s.length() && s.charAt(end) == '}' ? end + 1 : end;
        }

        private void operator() {
            String fd = inWord && (word.toString().equals("2") || word.toString().equals("1")) && s.charAt(i) == '>'
                    ? word.toString() : "";
            if (fd.isEmpty()) {
                endWord();
            } else {
                word.setLength(0);
                inWord = false;
            }
            String rest = s.substring(i);
            String[] ops = fd.equals("2") ? new String[] {">&1", ">>", ">"}
                    : new String[] {">&2", ">>", "&&", "||", "&>", ">", "<", "|", ";", "&"};
            for (String op : ops) {
                if (rest.startsWith(op)) {
                    tokens.add(new Op(fd.equals("2") ? "2" + op : op));
                    i += op.length();
                    return;
                }
            }
            tokens.add(new Op(String.valueOf(s.charAt(i))));
            i++;
        }

        private void endWord() {
            if (inWord) {
                tokens.add(new Word(word.toString()));
                word.setLength(0);
                inWord = false;
            }
        }
    }
}
