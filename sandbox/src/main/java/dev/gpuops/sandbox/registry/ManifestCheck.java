package dev.gpuops.sandbox.registry;

import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The validation a registry applies to a pushed manifest before storing it. */
final class ManifestCheck {

    static final Set<String> TYPES = Set.of(
            "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ManifestCheck() {
    }

    /** Why the manifest is refused, or empty when it is acceptable. */
    static Optional<String> problem(String contentType, byte[] body, String reference) {
        if (contentType == null || !TYPES.contains(contentType)) {
            return Optional.of("unsupported manifest media type " + contentType);
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(body);
        } catch (RuntimeException e) {
            return Optional.of("manifest is not valid JSON");
        }
        if (manifest.path("schemaVersion").asInt() != 2) {
            return Optional.of("manifest schemaVersion must be 2");
        }
        String declared = manifest.path("mediaType").asString("");
        if (!declared.isEmpty() && !declared.equals(contentType)) {
            return Optional.of("manifest mediaType " + declared + " does not match Content-Type " + contentType);
        }
        if (reference.startsWith("sha256:") && !reference.equals(RegistryStore.sha256(body))) {
            return Optional.of("digest of the pushed bytes does not match " + reference);
        }
        return Optional.empty();
    }
}
