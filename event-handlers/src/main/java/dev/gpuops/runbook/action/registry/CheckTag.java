package dev.gpuops.runbook.action.registry;

import dev.gpuops.provider.registry.ImageReference;
import dev.gpuops.provider.registry.ManifestRef;
import dev.gpuops.provider.registry.RegistryClient;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that an image tag exists before anything is deployed from it (seed 000: private GHCR images; a deploy of
 * a tag whose build never finished fails late and confusingly). Outputs the digest so later steps can pin it.
 */
@RunbookAction(key = "registry.check_tag", idempotent = true, destructive = false,
        description = "Check that an image tag exists in its registry and output its digest")
public final class CheckTag implements Action<CheckTag.Params> {

    public record Params(
            @Param("Image reference; defaults to the target's image")
            String image,
            @Param("Tag to check instead of the one in the image reference")
            String tag) {
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        ImageReference image = ImageSteps.image(ctx, params.image(), params.tag());
        RegistryClient client = ctx.registry();
        Optional<ManifestRef> found;
        try {
            found = client.headManifest(image.repository(), image.reference());
        } catch (ProviderException e) {
            ctx.evidence(Evidence.Kind.PROVIDER_STATE, "registry " + image, e.getMessage());
            throw ImageSteps.failure("checking " + image, image, client, e);
        }
        if (found.isEmpty()) {
            ctx.evidence(Evidence.Kind.PROVIDER_STATE, "registry " + image, "manifest unknown: " + image);
            // "manifest unknown" is the registry's answer, not a glitch: waiting seconds does not make a tag appear
            throw StepFailure.permanent("tag " + image.reference() + " not found in " + image.repository()
                    + " (manifest unknown); did the build finish? Check the CI run that pushes it, then run the"
                    + " command again");
        }
        ManifestRef ref = found.get();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("image", image.toString());
        outputs.put("digest", ref.digest());
        outputs.put("mediaType", ref.mediaType());
        outputs.put("pinned", image.repository() + "@" + ref.digest());
        return new StepResult(image + " exists (" + ImageSteps.shortDigest(ref.digest()) + ")", outputs);
    }
}
