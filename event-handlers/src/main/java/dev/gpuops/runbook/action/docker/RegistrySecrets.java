package dev.gpuops.runbook.action.docker;

import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import java.util.Locale;

/** Which environment secrets hold a registry's credentials, and reading them with a useful error. */
final class RegistrySecrets {

    private RegistrySecrets() {
    }

    static String usernameSecret(String registry) {
        return prefix(registry) + "_USERNAME";
    }

    static String passwordSecret(String registry) {
        return switch (registry.toLowerCase(Locale.ROOT)) {
            case "ghcr.io" -> "GHCR_TOKEN";
            case "docker.io", "index.docker.io", "registry-1.docker.io" -> "DOCKERHUB_TOKEN";
            default -> "REGISTRY_PASSWORD";
        };
    }

    private static String prefix(String registry) {
        return switch (registry.toLowerCase(Locale.ROOT)) {
            case "ghcr.io" -> "GHCR";
            case "docker.io", "index.docker.io", "registry-1.docker.io" -> "DOCKERHUB";
            default -> "REGISTRY";
        };
    }

    /** The secret's value; a missing one fails the step naming the variable to set, never a value. */
    static String require(StepContext ctx, String name, String why) {
        return ctx.secrets().get(name).filter(v -> !v.isBlank())
                .orElseThrow(() -> StepFailure.permanent(name + " is not set in the gpuops environment; " + why));
    }

    /** Registry host of an image reference: the first path part when it looks like a host, else Docker Hub. */
    static String registryOf(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = image.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "docker.io";
    }
}
