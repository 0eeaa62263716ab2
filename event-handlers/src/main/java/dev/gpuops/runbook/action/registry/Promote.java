package dev.gpuops.runbook.action.registry;

import dev.gpuops.provider.registry.ImageReference;
import dev.gpuops.provider.registry.Promotion;
import dev.gpuops.provider.registry.RegistryClient;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 001's tag policy: after {@code :canary} is validated, point {@code :stable} at exactly the same manifest. The
 * manifest bytes are copied unchanged (no layers move, no re-serialisation), and the new tag is verified by digest.
 */
public final class Promote implements Action<Promote.Params> {

    public record Params(
            @Param("Image reference (its tag is ignored); defaults to the target's image")
            String image,
            @Param(value = "Tag to promote", defaultValue = "canary")
            String from,
            @Param(value = "Tag to point at it", defaultValue = "stable")
            String to) {

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
            return new Params(null, null, null);
        }
    }

    @Override
    public String key() {
        return "registry.promote";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String description() {
        return "Point one image tag at another's exact manifest (canary → stable) and verify the digest";
    }

    /** Pointing a tag at the same digest again changes nothing. */
    @Override
    public boolean idempotent() {
        return true;
    }

    /** Every host that pulls the target tag gets the new image on its next pull. */
    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        ImageReference image = ImageSteps.image(ctx, params.image(), params.from());
        RegistryClient client = ctx.service(RegistryClient.class);
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
