package dev.gpuops.provider.registry;

/**
 * The result of pointing {@code toTag} at {@code fromTag}'s manifest.
 *
 * @param previousDigest what {@code toTag} pointed at before, or null when it did not exist
 */
public record Promotion(Repository repository, String fromTag, String toTag, String digest, String mediaType,
                        String previousDigest) {

    /** True when {@code toTag} already pointed at this digest (the PUT was a no-op for users). */
    public boolean unchanged() {
        return digest.equals(previousDigest);
    }
}
