package dev.gpuops.sandbox.registry;

/**
 * Manifests shaped like real pushes. Docker's v2 manifests are pretty-printed with three-space indents, which is
 * exactly the kind of formatting a client must not "normalise" when promoting a tag.
 */
public final class SampleManifests {

    public static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private SampleManifests() {
    }

    public static String dockerV2(String configDigest, long configSize) {
        return "{\n"
                + "   \"schemaVersion\": 2,\n"
                + "   \"mediaType\": \"" + DOCKER_V2 + "\",\n"
                + "   \"config\": {\n"
                + "      \"mediaType\": \"application/vnd.docker.container.image.v1+json\",\n"
                + "      \"size\": " + configSize + ",\n"
                + "      \"digest\": \"" + configDigest + "\"\n"
                + "   },\n"
                + "   \"layers\": [\n"
                + "      {\n"
                + "         \"mediaType\": \"application/vnd.docker.image.rootfs.diff.tar.gzip\",\n"
                + "         \"size\": 30438799,\n"
                + "         \"digest\": \"sha256:" + "a".repeat(64) + "\"\n"
                + "      }\n"
                + "   ]\n"
                + "}";
    }

    public static String ociIndex() {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
                + OCI_MANIFEST + "\",\"digest\":\"sha256:" + "b".repeat(64) + "\",\"size\":1024,"
                + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
    }
}
