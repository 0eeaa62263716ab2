package dev.gpuops.runbook.action.registry;

import dev.gpuops.provider.registry.ImageReference;
import dev.gpuops.provider.registry.Promotion;
import dev.gpuops.provider.registry.RegistryClient;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 001's tag policy: after {@code :canary} is validated, point {@code :stable} at exactly the same manifest. The
 * manifest bytes are copied unchanged (no layers move, no re-serialisation), and the new tag is verified by digest.
 *
 * <p>Idempotent: Pointing a tag at the same digest again changes nothing. Destructive: Every host that pulls the
 * target tag gets the new image on its next pull.
 */
@RunbookAction(key = "registry.promote", idempotent = true, destructive = true,
        description = "Point one image tag at another's exact manifest (canary → stable) and verify the digest")
public final class Promote implements Action<Promote.Params> {

    public record Params(
            @Param("Image reference (its tag is ignored); defaults to the target's image")
            String image,
            @Param(value = "Tag to promote", defaultValue = "canary")
            String from,
            @Param(value = "Tag to point at it", defaultValue = "stable")
            String to,
            @Param("Digest the target runs (e.g. ${steps.running.digest}); when set, the tag is promoted only if it"
                    + " points at exactly this digest")
            String running) {

        public Params {
            from = from == null || from.isBlank() ? "canary" : from.strip();
            to = to == null || to.isBlank() ? "stable" : to.strip();
            ImageReference.requireTag(from);
            ImageReference.requireTag(to);
            if (from.equals(to)) {
                throw new IllegalArgumentException("registry.promote from and to are both '" + from + "'");
            }
        }

        public static Params defaults() {
            return new Params(null, null, null, null);
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        ImageReference image = ImageSteps.image(ctx, params.image(), params.from());
        RegistryClient client = ctx.registry();
        if (params.running() != null && !params.running().isBlank()) {
            requireRunning(ctx, client, image, params);
        }
        Promotion promotion;
        try {
            promotion = client.promote(image.repository(), params.from(), params.to());
        } catch (ProviderException.NotFound e) {
            throw StepFailure.permanent("tag " + params.from() + " not found in " + image.repository()
                    + "; nothing was promoted. Push it first (did the build finish?)");
        } catch (ProviderException e) {
            throw ImageSteps.failure("promoting " + image.repository() + ":" + params.from() + " to :"
                    + params.to(), image, client, e);
        }
        return result(image, params, promotion);
    }

    /** The validation checked what runs; promoting a different digest would ship an image nobody checked. */
    private static void requireRunning(StepContext ctx, RegistryClient client, ImageReference image, Params params) {
        String tagged;
        try {
            tagged = client.headManifest(image.repository(), params.from()).map(ref -> ref.digest()).orElse(null);
        } catch (ProviderException e) {
            throw ImageSteps.failure("checking " + image.repository() + ":" + params.from(), image, client, e);
        }
        if (tagged == null) {
            throw StepFailure.permanent("tag " + params.from() + " not found in " + image.repository()
                    + "; nothing was promoted. Push it first (did the build finish?)");
        }
        String running = params.running().strip();
        if (!tagged.equals(running)) {
            throw StepFailure.permanent(ctx.target().name() + " runs " + ImageSteps.shortDigest(running) + ", not :"
                    + params.from() + " (" + ImageSteps.shortDigest(tagged) + "), so the checks above did not"
                    + " validate :" + params.from() + "; nothing was promoted. Deploy it first (/gpu deploy "
                    + ctx.target().name() + " " + params.from() + "), then promote");
        }
    }

    private static StepResult result(ImageReference image, Params params, Promotion promotion) {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("image", image.repository() + ":" + params.to());
        outputs.put("digest", promotion.digest());
        outputs.put("mediaType", promotion.mediaType());
        outputs.put("previousDigest", promotion.previousDigest() == null ? "" : promotion.previousDigest());
        String summary = promotion.unchanged()
                ? image.repository() + ":" + params.to() + " already pointed at " + params.from() + " ("
                        + ImageSteps.shortDigest(promotion.digest()) + ")"
                : "promoted " + image.repository() + ":" + params.from() + " → :" + params.to() + " ("
                        + ImageSteps.shortDigest(promotion.digest()) + (promotion.previousDigest() == null ? ""
                        : ", was " + ImageSteps.shortDigest(promotion.previousDigest())) + ")";
        return new StepResult(summary, outputs);
    }
}
