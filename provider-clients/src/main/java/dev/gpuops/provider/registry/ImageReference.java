package dev.gpuops.provider.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image reference: {@code ghcr.io/owner/name:tag}, {@code ghcr.io/owner/name@sha256:…}, or both. References
 * without a registry host follow Docker's rules ({@code ubuntu} = {@code docker.io/library/ubuntu}); a missing tag
 * and digest means {@code latest}.
 */
public record ImageReference(Repository repository, String tag, String digest) {

    public static final String DEFAULT_REGISTRY = "docker.io";
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");

    public ImageReference {
        Objects.requireNonNull(repository, "repository");
        if (tag != null) {
            requireTag(tag);
        }
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("'" + digest + "' is not a valid digest (expected sha256:<64 hex>)");
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
    }

    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("image reference is empty");
        }
        String rest = text.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageReference(splitRepository(rest), tag, digest);
    }

    public static String requireTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("'" + tag + "' is not a valid tag ([a-zA-Z0-9_][a-zA-Z0-9._-]{0,127})");
        }
        return tag;
    }

    /** What to ask the registry for: the digest when pinned, else the tag. */
    public String reference() {
        return digest != null ? digest : tag;
    }

    public ImageReference withTag(String newTag) {
        return new ImageReference(repository, newTag, null);
    }

    @Override
    public String toString() {
        return repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    private static Repository splitRepository(String path) {
        int slash = path.indexOf('/');
        String first = slash < 0 ? "" : path.substring(0, slash);
        boolean hasHost = slash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
                || first.startsWith("["));
        if (hasHost) {
            return new Repository(first, path.substring(slash + 1));
        }
        return new Repository(DEFAULT_REGISTRY, slash < 0 ? "library/" + path : path);
    }
}
