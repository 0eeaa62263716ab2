package dev.gpuops.provider.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A repository in a registry: {@code ghcr.io} + {@code intelligensi-ai/intelligensi-image-server}.
 *
 * @param registry host with optional port, as written in image references ({@code ghcr.io}, {@code 127.0.0.1:5000})
 * @param name     path components, lowercase (the distribution spec's grammar)
 */
public record Repository(String registry, String name) {

    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

    public Repository {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(name, "name");
        if (registry.isBlank()) {
            throw new IllegalArgumentException("registry host is empty");
        }
        if (!NAME.matcher(name).matches()) {
            String hint = name.equals(name.toLowerCase(java.util.Locale.ROOT)) ? ""
                    : "; repository names must be lowercase, try " + name.toLowerCase(java.util.Locale.ROOT);
            throw new IllegalArgumentException("'" + name + "' is not a valid repository name" + hint);
        }
    }

    /** Parses {@code ghcr.io/owner/name} (no tag, no digest). */
    public static Repository parse(String text) {
        return ImageReference.parse(text).repository();
    }

    @Override
    public String toString() {
        return registry + "/" + name;
    }
}
