package dev.gpuops.provider.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Removes secrets from any text that may reach a log, an exception or Slack. Known secret values are registered
 * when they are loaded from the environment; well-known token shapes are masked even when nobody registered them.
 */
public final class Redactor {

    private static final String MASK = "[REDACTED]";
    private static final List<String> KNOWN = new CopyOnWriteArrayList<>();
    private static final Pattern TOKEN_SHAPES = Pattern.compile(
            "(xox[abposr]-[A-Za-z0-9-]{8,}|xapp-[A-Za-z0-9-]{8,}|gh[pousr]_[A-Za-z0-9]{20,}"
                    + "|github_pat_[A-Za-z0-9_]{20,}|hf_[A-Za-z0-9]{20,}|rpa_[A-Za-z0-9]{20,}"
                    + "|AKIA[0-9A-Z]{16}|ll_[A-Za-z0-9]{12,}|secret_[A-Za-z0-9_]{16,})");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:api[_-]?key|token|password|secret|authorization)\\s*[=:]\\s*)(\"?)(?:Bearer\\s+)?[^\\s\"&,;]{6,}");

    private Redactor() {
    }

    /** Registers a secret value so it is masked wherever it appears. Values shorter than 6 chars are ignored. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 6 && !KNOWN.contains(secret)) {
            KNOWN.add(secret);
        }
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : KNOWN) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        out = TOKEN_SHAPES.matcher(out).replaceAll(MASK);
        return KEY_VALUE.matcher(out).replaceAll("$1$2" + MASK);
    }
}
