package dev.gpuops.sandbox.ssh;

/** Just enough of docker's reference grammar to name registries and manifest URLs like the daemon does. */
final class ImageRef {

    private ImageRef() {
    }

    /** Adds {@code :latest} when there is neither a tag nor a digest. */
    static String normalize(String image) {
        int slash = image.lastIndexOf('/');
        boolean tagged = image.indexOf(':', slash + 1) >= 0 || image.contains("@");
        return tagged ? image : image + ":latest";
    }

    static String registry(String ref) {
        int slash = ref.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = ref.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "docker.io";
    }

    /** Repository path without registry, tag or digest: {@code intelligensi-ai/intelligensi-image-server}. */
    static String path(String ref) {
        String withoutRegistry = registry(ref).equals("docker.io") && !ref.startsWith("docker.io/")
                ? ref : ref.substring(ref.indexOf('/') + 1);
        String noDigest = withoutRegistry.contains("@") ? withoutRegistry.substring(0, withoutRegistry.indexOf('@'))
                : withoutRegistry;
        int slash = noDigest.lastIndexOf('/');
        int colon = noDigest.indexOf(':', slash + 1);
        String path = colon < 0 ? noDigest : noDigest.substring(0, colon);
        return registry(ref).equals("docker.io") && !path.contains("/") ? "library/" + path : path;
    }

    static String tag(String ref) {
        if (ref.contains("@")) {
            return ref.substring(ref.indexOf('@') + 1);
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.indexOf(':', slash + 1);
        return colon < 0 ? "latest" : ref.substring(colon + 1);
    }

    static String manifestUrl(String ref) {
        String host = registry(ref).equals("docker.io") ? "registry-1.docker.io" : registry(ref);
        return "https://" + host + "/v2/" + path(ref) + "/manifests/" + tag(ref);
    }
}
