package dev.gpuops.runbook.action.registry;

import dev.gpuops.provider.registry.ImageReference;
import dev.gpuops.provider.registry.RegistryClient;
import dev.gpuops.provider.registry.RegistryCredentials;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;

/** Image resolution and registry failures worded for the thread, shared by the registry actions. */
final class ImageSteps {

    private ImageSteps() {
    }

    /** The step's {@code image}, else the target's, with {@code tag} (when given) replacing the reference's tag. */
    static ImageReference image(StepContext ctx, String image, String tag) {
        String text = image != null && !image.isBlank() ? image.strip() : ctx.target().image();
        if (text == null || text.isBlank()) {
            throw StepFailure.permanent("target " + ctx.target().name() + " has no image in the targets file; add"
                    + " image: ghcr.io/<owner>/<name>:<tag> or pass image: in the step");
        }
        try {
            ImageReference ref = ImageReference.parse(text);
            return tag == null || tag.isBlank() ? ref : ref.withTag(tag.strip());
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent("image '" + text + "' is not a valid reference: " + e.getMessage());
        }
    }

    /** Auth, rate limits and outages, with what to do next; the client's message already names the variables. */
    static StepFailure failure(String doing, ImageReference image, RegistryClient client, ProviderException e) {
        String registry = image.repository().registry();
        return switch (e) {
            case ProviderException.Auth auth when !client.hasCredentials(registry) -> new StepFailure(registry
                    + " refused anonymous access to " + image.repository().name() + " while " + doing
                    + " (private package?). Set " + RegistryCredentials.describeVariables(registry)
                    + " (a token with read:packages, write:packages to promote) in the bot's environment and"
                    + " restart it", false, auth);
            case ProviderException.Auth auth -> new StepFailure(doing + " was refused: " + auth.getMessage(), false,
                    auth);
            case ProviderException.RateLimited limited -> new StepFailure(doing + ": " + limited.getMessage()
                    + limited.retryAfter().map(d -> " (retry after " + d.toSeconds() + "s)").orElse(""), true,
                    limited);
            default -> new StepFailure(doing + ": " + e.getMessage(), e.retryable(), e);
        };
    }

    static String shortDigest(String digest) {
        return digest == null ? "?" : digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
    }
}
