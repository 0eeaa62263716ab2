package dev.gpuops.runbook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string value from a runbook with its {@code ${…}} references parsed out. One syntax only: {@code {{ inputs.x }}}
 * is rejected rather than silently passed through, and {@code $${} is the escape for a literal {@code ${}} (for
 * shell text like {@code $${HOME}}).
 */
public final class Template {

    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*");
    private static final Pattern OTHER_SYNTAX = Pattern.compile(
            "\\{\\{\\s*(?:inputs|target|steps|env|secrets|vars|params|input)\\b");
    private static final Set<String> ROOTS = Set.of(Reference.INPUTS, Reference.TARGET, Reference.STEPS);

    /** A literal piece or a reference; exactly one of the two is non-null. */
    private record Part(String literal, Reference reference) {
    }

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /** @throws ExpressionException explaining what is wrong and how it should be written */
    public static Template parse(String text) {
        Matcher other = OTHER_SYNTAX.matcher(text);
        if (other.find()) {
            throw new ExpressionException("`" + other.group().trim() + "…}}` is not gpuops syntax; write ${"
                    + other.group().replaceAll("[{\\s]", "") + "…} instead");
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = closing(text, i);
                flush(literal, parts);
                parts.add(new Part(null, reference(text.substring(i + 2, end).trim())));
                i = end + 1;
            } else {
                literal.append(text.charAt(i++));
            }
        }
        flush(literal, parts);
        return new Template(text, parts);
    }

    public static boolean containsExpression(String text) {
        return text.replace("$${", "").contains("${");
    }

    public List<Reference> references() {
        return parts.stream().filter(p -> p.reference() != null).map(Part::reference).toList();
    }

    public boolean isLiteral() {
        return parts.stream().allMatch(p -> p.reference() == null);
    }

    /**
     * Resolves the references. A value that is exactly one reference keeps the referenced value's own type (a list
     * stays a list, a missing value stays null); anything else becomes a string with missing values as "".
     */
    public Object render(Function<Reference, Object> lookup) {
        if (parts.size() == 1 && parts.getFirst().reference() != null) {
            return Values.plain(lookup.apply(parts.getFirst().reference()));
        }
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part.reference() == null ? part.literal()
                    : Values.text(lookup.apply(part.reference())));
        }
        return out.toString();
    }

    public String source() {
        return source;
    }

    private static int closing(String text, int start) {
        int end = text.indexOf('}', start + 2);
        int nested = text.indexOf("${", start + 2);
        if (end < 0) {
            throw new ExpressionException("unbalanced `${` at position " + start + ": missing `}`");
        }
        if (nested >= 0 && nested < end) {
            throw new ExpressionException("`${` inside `${…}` at position " + nested + ": expressions do not nest");
        }
        return end;
    }

    private static Reference reference(String body) {
        if (!PATH.matcher(body).matches()) {
            throw new ExpressionException("`${" + body + "}` is not a reference; write ${inputs.<name>}, "
                    + "${target.<field>} or ${steps.<id>.<output>} (use $${ for a literal ${)");
        }
        List<String> segments = Arrays.asList(body.split("\\."));
        String root = segments.getFirst();
        List<String> path = segments.subList(1, segments.size());
        if (!ROOTS.contains(root)) {
            throw new ExpressionException("`${" + body + "}`: unknown root `" + root
                    + "`; expressions start with inputs., target. or steps. (use $${ for a literal ${)");
        }
        int expected = switch (root) {
            case Reference.INPUTS -> 1;
            case Reference.STEPS -> 2;
            default -> -1;
        };
        if (expected > 0 && path.size() != expected || path.isEmpty()) {
            throw new ExpressionException("`${" + body + "}`: write " + switch (root) {
                case Reference.INPUTS -> "${inputs.<name>}";
                case Reference.STEPS -> "${steps.<id>.<output>}";
                default -> "${target.<field>}, e.g. ${target.ssh.host}";
            });
        }
        return new Reference(root, path);
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), null));
            literal.setLength(0);
        }
    }
}
