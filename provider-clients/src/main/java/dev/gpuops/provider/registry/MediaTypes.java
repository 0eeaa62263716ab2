package dev.gpuops.provider.registry;

import java.util.List;

/** Manifest media types gpuops accepts, multi-platform indexes first. */
public final class MediaTypes {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    public static final List<String> MANIFESTS = List.of(OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);

    /** The {@code Accept} header value for manifest requests. */
    public static final String ACCEPT = String.join(", ", MANIFESTS);

    private MediaTypes() {
    }
}
