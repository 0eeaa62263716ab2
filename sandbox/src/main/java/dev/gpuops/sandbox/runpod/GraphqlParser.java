package dev.gpuops.sandbox.runpod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough GraphQL to serve what RunPod clients send: one operation, fields with aliases and arguments, nested
 * selections, variables, and the full literal syntax with the spec's string escapes. A string with a raw newline or
 * an unescaped quote is a syntax error here exactly as on the real server, which is what catches clients that paste
 * user values into queries unescaped.
 */
final class GraphqlParser {

    record Field(String alias, String name, Map<String, Object> args, List<Field> selections) {
        String responseKey() {
            return alias != null ? alias : name;
        }
    }

    record Operation(String type, List<Field> selections) {
    }

    private final String src;
    private final Map<String, Object> variables;
    private int pos;

    private GraphqlParser(String src, Map<String, Object> variables) {
        this.src = src;
        this.variables = variables;
    }

    static Operation parse(String query, Map<String, Object> variables) {
        GraphqlParser p = new GraphqlParser(query == null ? "" : query, variables);
        Operation op = p.operation();
        p.skipIgnored();
        if (p.pos < p.src.length()) {
            throw new GraphqlSyntaxError("Unexpected " + p.describe()
                    + "; the sandbox supports one operation per request.");
        }
        return op;
    }

    private Operation operation() {
        skipIgnored();
        String type = "query";
        if (peek() != '{') {
            type = name();
            if (!type.equals("query") && !type.equals("mutation")) {
                throw new GraphqlSyntaxError("Unexpected Name \"" + type + "\".");
            }
            skipIgnored();
            if (isNameStart(peek())) {
                name();
            }
            skipIgnored();
            if (peek() == '(') {
                skipVariableDefinitions();
            }
        }
        return new Operation(type, selectionSet());
    }

    private void skipVariableDefinitions() {
        expect('(');
        while (!tryConsume(')')) {
            expect('$');
            name();
            expect(':');
            type();
            if (tryConsume('=')) {
                value();
            }
        }
    }

    private void type() {
        if (tryConsume('[')) {
            type();
            expect(']');
        } else {
            name();
        }
        tryConsume('!');
    }

    private List<Field> selectionSet() {
        expect('{');
        List<Field> fields = new ArrayList<>();
        while (!tryConsume('}')) {
            skipIgnored();
            if (src.startsWith("...", pos)) {
                throw new GraphqlSyntaxError("fragments are not supported by the RunPod sandbox.");
            }
            fields.add(field());
        }
        if (fields.isEmpty()) {
            throw new GraphqlSyntaxError("Expected Name, found \"}\".");
        }
        return fields;
    }

    private Field field() {
        String first = name();
        String alias = null;
        String name = first;
        if (tryConsume(':')) {
            alias = first;
            name = name();
        }
        Map<String, Object> args = new LinkedHashMap<>();
        if (tryConsume('(')) {
            while (!tryConsume(')')) {
                String arg = name();
                expect(':');
                args.put(arg, value());
            }
        }
        skipIgnored();
        List<Field> selections = peek() == '{' ? selectionSet() : List.of();
        return new Field(alias, name, args, selections);
    }

    private Object value() {
        skipIgnored();
        char c = peek();
        if (c == '$') {
            pos++;
            String var = name();
            if (!variables.containsKey(var)) {
                throw new GraphqlSyntaxError("Variable \"$" + var + "\" is not defined.");
            }
            return variables.get(var);
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (c == '[') {
            pos++;
            List<Object> list = new ArrayList<>();
            while (!tryConsume(']')) {
                list.add(value());
            }
            return list;
        }
        if (c == '{') {
            pos++;
            Map<String, Object> obj = new LinkedHashMap<>();
            while (!tryConsume('}')) {
                String key = name();
                expect(':');
                obj.put(key, value());
            }
            return obj;
        }
        String word = name();
        return switch (word) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> new GraphqlEnumValue(word);
        };
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < src.length() && "0123456789.eE+-".indexOf(src.charAt(pos)) >= 0) {
            pos++;
        }
        String text = src.substring(start, pos);
        try {
            return text.matches("-?\\d+") ? (Object) Long.parseLong(text) : (Object) Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new GraphqlSyntaxError("Invalid number \"" + text + "\".");
        }
    }

    private String string() {
        if (src.startsWith("\"\"\"", pos)) {
            int end = src.indexOf("\"\"\"", pos + 3);
            if (end < 0) {
                throw new GraphqlSyntaxError("Unterminated string.");
            }
            String block = src.substring(pos + 3, end);
            pos = end + 3;
            return block;
        }
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new GraphqlSyntaxError("Unterminated string.");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\n' || c == '\r') {
                throw new GraphqlSyntaxError("Unterminated string.");
            }
            if (c < 0x20 && c != '\t') {
                throw new GraphqlSyntaxError("Invalid character within String: \"\\u"
                        + String.format("%04X", (int) c) + "\".");
            }
            out.append(c == '\\' ? escape() : c);
        }
    }

    private char escape() {
        if (pos >= src.length()) {
            throw new GraphqlSyntaxError("Unterminated string.");
        }
        char e = src.charAt(pos++);
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicode();
            default -> throw new GraphqlSyntaxError("Invalid character escape sequence: \"\\" + e + "\".");
        };
    }

    private char unicode() {
        if (pos + 4 > src.length() || !src.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
            throw new GraphqlSyntaxError("Invalid Unicode escape sequence.");
        }
        char c = (char) Integer.parseInt(src.substring(pos, pos + 4), 16);
        pos += 4;
        return c;
    }

    private String name() {
        skipIgnored();
        if (!isNameStart(peek())) {
            throw new GraphqlSyntaxError("Expected Name, found " + describe() + ".");
        }
        int start = pos;
        while (pos < src.length() && (isNameStart(src.charAt(pos)) || Character.isDigit(src.charAt(pos)))) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private void expect(char c) {
        if (!tryConsume(c)) {
            throw new GraphqlSyntaxError("Expected \"" + c + "\", found " + describe() + ".");
        }
    }

    private boolean tryConsume(char c) {
        skipIgnored();
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private String describe() {
        return pos >= src.length() ? "<EOF>" : "\"" + src.charAt(pos) + "\"";
    }

    /** Whitespace, commas, line terminators, the BOM and comments are insignificant in GraphQL. */
    private void skipIgnored() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\uFEFF') {
                pos++;
            } else {
                return;
            }
        }
    }
}
