package dev.gpuops.provider.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code WWW-Authenticate} header: {@code Bearer realm="https://ghcr.io/token",service="ghcr.io",
 * scope="repository:owner/name:pull"}. Quoted values may contain commas ({@code pull,push}).
 */
public record AuthChallenge(String scheme, Map<String, String> params) {

    public AuthChallenge {
        params = Map.copyOf(params);
    }

    public static Optional<AuthChallenge> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String text = header.trim();
        int space = text.indexOf(' ');
        String scheme = space < 0 ? text : text.substring(0, space);
        Map<String, String> params = space < 0 ? Map.of() : parseParams(text.substring(space + 1));
        return Optional.of(new AuthChallenge(scheme, params));
    }

    public boolean bearer() {
        return scheme.equalsIgnoreCase("Bearer");
    }

    public boolean basic() {
        return scheme.equalsIgnoreCase("Basic");
    }

    public Optional<String> realm() {
        return Optional.ofNullable(params.get("realm"));
    }

    public Optional<String> service() {
        return Optional.ofNullable(params.get("service"));
    }

    public Optional<String> scope() {
        return Optional.ofNullable(params.get("scope"));
    }

    private static Map<String, String> parseParams(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int[] end = new int[1];
            String value = readValue(text, eq + 1, end);
            out.put(key, value);
            i = end[0];
        }
        return out;
    }

    private static String readValue(String text, int start, int[] end) {
        if (start < text.length() && text.charAt(start) == '"') {
            StringBuilder value = new StringBuilder();
            int i = start + 1;
            while (i < text.length() && text.charAt(i) != '"') {
                if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                    i++;
                }
                value.append(text.charAt(i++));
            }
            end[0] = i + 1;
            return value.toString();
        }
        int comma = text.indexOf(',', start);
        int stop = comma < 0 ? text.length() : comma;
        end[0] = stop;
        return text.substring(start, stop).trim();
    }
}
