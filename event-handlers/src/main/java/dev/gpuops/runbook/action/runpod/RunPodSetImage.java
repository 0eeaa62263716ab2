package dev.gpuops.runbook.action.runpod;

import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.runpod.Template;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code runpod.set_image}: points the endpoint's template at a new image and sets RUNPOD_INIT_TIMEOUT (plus any
 * extra env) in one REST PATCH, which starts a rolling release. The PATCH replaces the whole env object, so the
 * current env is read first and merged; it is sent as a JSON object (REST), not GraphQL's key/value list.
 *
 * <p>Idempotent: Setting the same image and env again changes nothing. Destructive: Running workers are replaced by
 * the rolling release.
 */
@RunbookAction(key = "runpod.set_image", idempotent = true, destructive = true,
        description = "Set the RunPod template's image and RUNPOD_INIT_TIMEOUT; starts a rolling release of the workers")
public final class RunPodSetImage implements Action<RunPodSetImage.Params> {

    /** Seed 003: a 14.8 GB image needs 10+ minutes to pull; RunPod's default kills workers at 7. */
    static final String INIT_TIMEOUT = "RUNPOD_INIT_TIMEOUT";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public record Params(
            @Param(value = "Image with a versioned tag or digest, e.g. ghcr.io/acme/worker:v-1a2b3c; :latest is"
                    + " refused", required = true) String image,
            @Param(value = "Seconds a worker may take to become ready before RunPod kills it (RUNPOD_INIT_TIMEOUT)",
                    defaultValue = "the target's runpod.initTimeoutSeconds, else 900") Integer initTimeoutSeconds,
            @Param(value = "Extra environment variables merged into the template's env") Map<String, String> env) {

        public Params {
            if (image == null || image.isBlank()) {
                throw new IllegalArgumentException("runpod.set_image needs an image");
            }
            image = image.trim();
            if (usesLatest(image)) {
                throw new IllegalArgumentException("refusing image '" + image + "': ':latest' (or no tag) cannot be"
                        + " rolled back or told apart from the previous release; use a versioned tag or a digest");
            }
            if (initTimeoutSeconds != null && (initTimeoutSeconds < 10 || initTimeoutSeconds > 3600)) {
                throw new IllegalArgumentException("initTimeoutSeconds must be between 10 and 3600, got "
                        + initTimeoutSeconds);
            }
            env = env == null ? Map.of() : Map.copyOf(env);
            env.keySet().forEach(k -> {
                if (!ENV_NAME.matcher(k).matches()) {
                    throw new IllegalArgumentException("not an environment variable name: '" + k + "'");
                }
            });
        }

        @Override
        public String toString() {
            return "Params[image=" + image + ", initTimeoutSeconds=" + initTimeoutSeconds + ", env=" + env.keySet()
                    + "]";
        }
    }

    /** An image reference without a digest whose tag is absent or "latest". */
    static boolean usesLatest(String image) {
        if (image.contains("@sha256:")) {
            return false;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon <= slash || image.substring(colon + 1).equalsIgnoreCase("latest");
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        String endpointId = RunPodSteps.endpointId(ctx);
        String templateId = RunPodSteps.templateId(ctx);
        int timeout = params.initTimeoutSeconds() != null ? params.initTimeoutSeconds()
                : ctx.target().runpod().initTimeoutOrDefault();
        RunPodClient client = RunPodSteps.client(ctx);
        Template before;
        Template after;
        try {
            before = client.getTemplate(templateId);
            Map<String, String> env = new LinkedHashMap<>(before.env());
            env.putAll(params.env());
            env.put(INIT_TIMEOUT, Integer.toString(timeout));
            after = client.patchTemplate(templateId, params.image(), env);
        } catch (ProviderException e) {
            throw RunPodSteps.explain(e, ctx, endpointId);
        }
        if (params.image().startsWith("ghcr.io/")) {
            ctx.progress("ghcr.io packages are private by default: RunPod can pull " + params.image()
                    + " only if the package is public or the template has registry credentials");
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("templateId", templateId);
        out.put("image", after.imageName());
        out.put("previousImage", String.valueOf(before.imageName()));
        out.put("initTimeoutSeconds", Integer.toString(timeout));
        return new StepResult(summary(templateId, before, after, params, timeout), out);
    }

    private static String summary(String templateId, Template before, Template after, Params p, int timeout) {
        boolean sameImage = after.imageName() != null && after.imageName().equals(before.imageName());
        String image = sameImage ? "image unchanged (" + after.imageName() + ")"
                : "image " + after.imageName() + " (was " + before.imageName() + ")";
        String extra = p.env().isEmpty() ? "" : ", env " + p.env().keySet();
        boolean changed = !sameImage || !before.env().equals(after.env());
        return "template " + templateId + ": " + image + ", " + INIT_TIMEOUT + "=" + timeout + extra
                + (changed ? "; rolling release started — idle workers restart now, busy ones after their job"
                        : "; nothing changed, workers keep running");
    }
}
