package dev.gpuops.provider.registry;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * GHCR and any OCI distribution registry: manifests by tag, tag lists, and promotion of one tag to another without
 * pulling layers (seed 002's {@code :canary} → {@code :stable}). Loopback registries are spoken to over HTTP, all
 * others over HTTPS. Failures are {@link ProviderException}s with provider {@code registry}.
 */
public final class RegistryClient {

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_TAG_PAGES = 50;

    private final RegistryConfig config;
    private final RegistryHttp http;

    public RegistryClient(RegistryConfig config) {
        this.config = config;
        this.http = new RegistryHttp(config);
    }

    public static RegistryClient fromEnvironment(Map<String, String> env) {
        return new RegistryClient(RegistryConfig.defaults(RegistryCredentials.fromEnvironment(env)));
    }

    /** Whether credentials are configured for {@code registry} (never what they are). */
    public boolean hasCredentials(String registry) {
        return config.credentials().forRegistry(registry).isPresent();
    }

    /** The manifest's digest and media type, or empty when the tag (or repository) does not exist. */
    public Optional<ManifestRef> headManifest(Repository repository, String reference) {
        try {
            HttpResponse<byte[]> response = http.send(manifestCall("HEAD", repository, reference, "pull", null,
                    null), true);
            HttpHeaders headers = response.headers();
            return Optional.of(new ManifestRef(headers.firstValue("Docker-Content-Digest").orElse(null),
                    contentType(headers), headers.firstValueAsLong("Content-Length").orElse(-1)));
        } catch (ProviderException.NotFound e) {
            return Optional.empty();
        }
    }

    /** The manifest's exact bytes; the registry's digest header is checked against them. */
    public Manifest getManifest(Repository repository, String reference) {
        HttpResponse<byte[]> response = http.send(manifestCall("GET", repository, reference, "pull", null, null),
                true);
        byte[] body = response.body();
        String actual = Digests.sha256(body);
        String claimed = response.headers().firstValue("Docker-Content-Digest").orElse(actual);
        if (!claimed.equals(actual) || (reference.startsWith("sha256:") && !reference.equals(actual))) {
            throw new ProviderException.Permanent(RegistryErrors.PROVIDER, response.statusCode(), null,
                    "GET " + repository + ":" + reference + " returned bytes with digest " + actual + " but the"
                            + " registry claims " + claimed + "; something between us and the registry altered it");
        }
        return new Manifest(contentType(response.headers()), actual, body);
    }

    /** Stores {@code manifest} under {@code tag} byte for byte; returns the digest the registry reports. */
    public String putManifest(Repository repository, String tag, Manifest manifest) {
        ImageReference.requireTag(tag);
        HttpResponse<byte[]> response = http.send(manifestCall("PUT", repository, tag, "pull,push",
                manifest.mediaType(), manifest.body()), true);
        if (response.statusCode() != 201) {
            throw new ProviderException.Permanent(RegistryErrors.PROVIDER, response.statusCode(), null,
                    "PUT " + repository + ":" + tag + " answered " + response.statusCode() + " instead of 201 Created");
        }
        String digest = response.headers().firstValue("Docker-Content-Digest").orElse(manifest.digest());
        if (!digest.equals(manifest.digest())) {
            throw new ProviderException.Permanent(RegistryErrors.PROVIDER, 201, null, "PUT " + repository + ":"
                    + tag + " stored digest " + digest + " but we sent " + manifest.digest());
        }
        return digest;
    }

    /**
     * Points {@code toTag} at exactly what {@code fromTag} points at: GET the manifest, PUT the identical bytes with
     * the same media type, then HEAD {@code toTag} and insist the digests match. No layers move.
     */
    public Promotion promote(Repository repository, String fromTag, String toTag) {
        ImageReference.requireTag(fromTag);
        ImageReference.requireTag(toTag);
        String previous = headManifest(repository, toTag).map(ManifestRef::digest).orElse(null);
        Manifest source = getManifest(repository, fromTag);
        putManifest(repository, toTag, source);
        ManifestRef now = headManifest(repository, toTag).orElseThrow(() -> new ProviderException.Permanent(
                RegistryErrors.PROVIDER, 404, null, repository + ":" + toTag + " is missing right after the PUT"));
        if (!source.digest().equals(now.digest())) {
            throw new ProviderException.Permanent(RegistryErrors.PROVIDER, 200, null, repository + ":" + toTag
                    + " resolves to " + now.digest() + " but " + fromTag + " is " + source.digest()
                    + "; someone pushed concurrently or the registry rewrote the manifest");
        }
        return new Promotion(repository, fromTag, toTag, source.digest(), source.mediaType(), previous);
    }

    /** All tags, following {@code Link: <…>; rel="next"} pages. */
    public List<String> tags(Repository repository) {
        List<String> all = new ArrayList<>();
        String path = "/v2/" + repository.name() + "/tags/list?n=1000";
        for (int page = 0; path != null && page < MAX_TAG_PAGES; page++) {
            HttpResponse<byte[]> response = http.send(new RegistryHttp.Call("GET", repository, path, "pull",
                    Map.of("Accept", "application/json"), null), true);
            JsonNode tags = parse(response.body(), repository).path("tags");
            tags.forEach(t -> all.add(t.asString()));
            path = nextPage(response.headers());
        }
        return List.copyOf(all);
    }

    private static RegistryHttp.Call manifestCall(String method, Repository repository, String reference,
                                                  String actions, String contentType, byte[] body) {
        String path = "/v2/" + repository.name() + "/manifests/" + reference;
        Map<String, String> headers = contentType == null
                ? Map.of("Accept", MediaTypes.ACCEPT) : Map.of("Content-Type", contentType);
        return new RegistryHttp.Call(method, repository, path, actions, headers, body);
    }

    private static String contentType(HttpHeaders headers) {
        return headers.firstValue("Content-Type").map(v -> v.split(";")[0].trim()).orElse(MediaTypes.OCI_MANIFEST);
    }

    private static String nextPage(HttpHeaders headers) {
        Optional<String> link = headers.firstValue("Link");
        if (link.isEmpty()) {
            return null;
        }
        Matcher m = NEXT_LINK.matcher(link.get());
        if (!m.find()) {
            return null;
        }
        // the spec allows an absolute URL; only its path and query are followed, on the same registry
        java.net.URI target = java.net.URI.create(m.group(1));
        return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    private static JsonNode parse(byte[] body, Repository repository) {
        try {
            return JsonHttp.JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new ProviderException.Transient(RegistryErrors.PROVIDER, 200, null,
                    "tags/list of " + repository + " returned something that is not JSON", null);
        }
    }
}
