package dev.gpuops.runbook.action.aws;

import dev.gpuops.provider.aws.ParameterType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Deciding whether a value must be hidden, how to refer to it without showing it, and whether it is still a
 * placeholder (seed 004: "if the fleet secret is still the placeholder", workers never register).
 */
public final class SecretValues {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(secret|token|passw(or)?d|api[-_]?key|app[-_]?key|private[-_]?key|credential|signing[-_]?key)");
    private static final Set<String> PLACEHOLDERS = Set.of("changeme", "change_me", "change-me", "placeholder",
            "replace_me", "replaceme", "replace-me", "todo", "tbd", "dummy", "example", "secret", "password",
            "xxx", "none", "null", "default", "test", "fixme", "set_me", "setme", "your-secret-here");
    private static final Pattern PLACEHOLDER_SHAPES = Pattern.compile(
            "(?i)^(<[^>]*>|\\$\\{[^}]*}|\\{\\{[^}]*}}|x{3,}|\\*{3,}|.*(change[-_ ]?me|placeholder|replace[-_ ]?me).*)$");

    private SecretValues() {
    }

    /** SecureStrings always; other types when the name says secret, token, password, key… */
    public static boolean secretLike(String name, ParameterType type) {
        return type == ParameterType.SECURE_STRING || (name != null && SECRET_NAME.matcher(name).find());
    }

    /** True for empty values, well-known placeholder words and template shapes ({@code <…>}, {@code ${…}}). */
    public static boolean isPlaceholder(String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        String trimmed = value.strip();
        return PLACEHOLDERS.contains(trimmed.toLowerCase(Locale.ROOT)) || PLACEHOLDER_SHAPES.matcher(trimmed).matches();
    }

    /** A short, non-reversible handle for comparing secrets across steps: {@code sha256:1a2b3c4d5e6f}. */
    public static String fingerprint(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
