package dev.gpuops.provider.registry;

/** What a {@code HEAD} on a manifest tells: its digest, media type and size (-1 when not given). */
public record ManifestRef(String digest, String mediaType, long size) {
}
