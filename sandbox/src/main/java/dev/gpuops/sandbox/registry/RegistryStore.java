package dev.gpuops.sandbox.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Repositories, their manifests (raw bytes keyed by the sha256 of exactly those bytes) and tags. */
final class RegistryStore {

    record Blob(String mediaType, byte[] bytes, String digest) {
    }

    static final class Repo {
        final String name;
        volatile boolean isPublic;
        final Map<String, Blob> manifests = new ConcurrentHashMap<>();
        final Map<String, String> tags = new ConcurrentHashMap<>();

        Repo(String name, boolean isPublic) {
            this.name = name;
            this.isPublic = isPublic;
        }
    }

    private final Map<String, Repo> repos = new ConcurrentHashMap<>();

    Repo repository(String name, boolean isPublic) {
        Repo repo = repos.computeIfAbsent(name, n -> new Repo(n, isPublic));
        repo.isPublic = isPublic;
        return repo;
    }

    Optional<Repo> find(String name) {
        return Optional.ofNullable(repos.get(name));
    }

    /** Stores the bytes untouched; tags {@code reference} when it is a tag. Returns the digest. */
    String put(String name, String reference, String mediaType, byte[] bytes) {
        Repo repo = repos.computeIfAbsent(name, n -> new Repo(n, false));
        String digest = sha256(bytes);
        repo.manifests.put(digest, new Blob(mediaType, bytes.clone(), digest));
        if (!reference.startsWith("sha256:")) {
            repo.tags.put(reference, digest);
        }
        return digest;
    }

    Optional<Blob> resolve(String name, String reference) {
        return find(name).flatMap(repo -> {
            String digest = reference.startsWith("sha256:") ? reference : repo.tags.get(reference);
            return Optional.ofNullable(digest == null ? null : repo.manifests.get(digest));
        });
    }

    List<String> tags(String name) {
        return find(name).map(r -> r.tags.keySet().stream().sorted().toList()).orElse(List.of());
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
