package dev.gpuops.provider.registry;

import java.util.Arrays;
import java.util.Objects;

/**
 * A manifest exactly as the registry stored it. The bytes are what the digest is computed over: they are never
 * parsed and re-serialised, because any change (whitespace, key order) would change the digest.
 *
 * @param mediaType the {@code Content-Type} the registry returned, sent back unchanged on PUT
 * @param digest    {@code sha256:…} of {@code body}, verified on receipt
 */
public record Manifest(String mediaType, String digest, byte[] body) {

    public Manifest {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(body, "body");
        body = body.clone();
        digest = digest == null ? Digests.sha256(body) : digest;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int size() {
        return body.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest m && mediaType.equals(m.mediaType) && digest.equals(m.digest)
                && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mediaType, digest, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "Manifest[mediaType=" + mediaType + ", digest=" + digest + ", size=" + body.length + "]";
    }
}
