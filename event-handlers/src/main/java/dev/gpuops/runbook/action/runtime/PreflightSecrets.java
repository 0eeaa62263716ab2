package dev.gpuops.runbook.action.runtime;

import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.SecretSource;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.aws.SecretValues;
import dev.gpuops.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code preflight.secrets}: before anything is launched or paid for, checks that every secret the deploy will need
 * is set in the bot's environment (seed 000: a gated model without HF_TOKEN crashes at startup, a private GHCR image
 * without a root docker login cannot be pulled). Values are never shown; only names.
 */
@RunbookAction(key = "preflight.secrets", idempotent = true, destructive = false,
        description = "Check the secrets a deploy needs (HF_TOKEN, registry login) are set, before anything is launched")
public final class PreflightSecrets implements Action<PreflightSecrets.Params> {

    /** Example values from docs ({@code hf_xxxxxxxx}, {@code ll_xxxxx}) that people paste unchanged. */
    private static final Pattern EXAMPLE_VALUE = Pattern.compile("(?i)[a-z]{2,4}_x{5,}");
    /** A local path or a bare name is not downloaded from the hub. */
    private static final Pattern HUB_MODEL = Pattern.compile("[A-Za-z0-9][\\w.-]*/[\\w.-]+");

    public record Params(
            @Param(value = "Secrets that must be set", defaultValue = "container.secretEnv of the target")
            List<String> names,
            @Param(value = "Also require the registry login docker.login will use (GHCR_USERNAME/GHCR_TOKEN for"
                    + " ghcr.io, DOCKERHUB_USERNAME/DOCKERHUB_TOKEN for Docker Hub, else REGISTRY_USERNAME/"
                    + "REGISTRY_PASSWORD)", defaultValue = "false")
            Boolean registryLogin,
            @Param(value = "container.env variable naming the Hugging Face model", defaultValue = "MODEL_ID")
            String modelEnv,
            @Param(value = "Secret holding the Hugging Face token", defaultValue = "HF_TOKEN")
            String hfTokenSecret,
            @Param(value = "When the container loads a hub model, require the token to be passed to it (gated"
                    + " models such as FLUX.1 crash at startup without it); false for public models",
                    defaultValue = "true")
            Boolean requireHfToken) {

        public Params {
            names = names == null ? null : List.copyOf(names);
            registryLogin = registryLogin != null && registryLogin;
            modelEnv = modelEnv == null || modelEnv.isBlank() ? "MODEL_ID" : modelEnv.strip();
            hfTokenSecret = hfTokenSecret == null || hfTokenSecret.isBlank() ? "HF_TOKEN" : hfTokenSecret.strip();
            requireHfToken = requireHfToken == null || requireHfToken;
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        Target target = ctx.target();
        List<String> problems = new ArrayList<>();
        Set<String> required = new LinkedHashSet<>(params.names() != null ? params.names() : secretEnv(target));
        String model = model(target, params.modelEnv());
        if (model != null && params.requireHfToken() && !required.contains(params.hfTokenSecret())) {
            problems.add(params.modelEnv() + "=" + model + " is downloaded from Hugging Face but "
                    + params.hfTokenSecret() + " is missing from container.secretEnv, so the container would start"
                    + " without it and a gated model crashes at startup; add " + params.hfTokenSecret()
                    + " to container.secretEnv (or set requireHfToken: false for a public model)");
        }
        if (params.registryLogin()) {
            required.addAll(registryLogin(target.image()));
        }
        SecretSource secrets = ctx.secrets();
        for (String name : required) {
            String value = secrets.get(name).orElse("");
            if (value.isBlank()) {
                problems.add(name + " is not set in the gpuops environment" + why(name, params, model));
            } else {
                Redactor.register(value);
                if (SecretValues.isPlaceholder(value) || EXAMPLE_VALUE.matcher(value.strip()).matches()) {
                    problems.add(name + " is set to a placeholder, not a real value" + why(name, params, model));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw StepFailure.permanent(String.join("; ", problems) + ". Nothing was launched yet: set the"
                    + " variables in the bot's environment, restart gpuops and deploy again.");
        }
        String list = String.join(", ", required);
        return StepResult.of(required.isEmpty() ? "no secrets needed" : list + " set (values not shown)",
                "checked", list);
    }

    private static List<String> secretEnv(Target target) {
        return target.container() == null ? List.of() : target.container().secretEnv();
    }

    private static String model(Target target, String modelEnv) {
        Map<String, String> env = target.container() == null ? Map.of() : target.container().env();
        String model = env.get(modelEnv);
        return model != null && HUB_MODEL.matcher(model.strip()).matches() && !model.startsWith("/")
                ? model.strip() : null;
    }

    private static String why(String name, Params params, String model) {
        if (name.equals(params.hfTokenSecret()) && model != null) {
            return " (" + model + " is a gated Hugging Face model when its page says so: it needs a READ token of"
                    + " an account approved for it, or the app crashes at startup)";
        }
        if (name.endsWith("_USERNAME") || name.endsWith("_TOKEN") || name.endsWith("_PASSWORD")) {
            return " (docker on the VM logs in as root with it to pull the private image)";
        }
        return "";
    }

    /** The secret names docker.login reads for the image's registry. */
    static List<String> registryLogin(String image) {
        String registry = registryOf(image == null ? "" : image);
        return switch (registry.toLowerCase(Locale.ROOT)) {
            case "ghcr.io" -> List.of("GHCR_USERNAME", "GHCR_TOKEN");
            case "docker.io", "index.docker.io", "registry-1.docker.io" -> List.of("DOCKERHUB_USERNAME",
                    "DOCKERHUB_TOKEN");
            default -> List.of("REGISTRY_USERNAME", "REGISTRY_PASSWORD");
        };
    }

    private static String registryOf(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = image.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "docker.io";
    }
}
