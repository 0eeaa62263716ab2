package dev.gpuops.provider.registry;

import dev.gpuops.provider.support.Redactor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials per registry host. The environment convention: {@code <HOST>_USERNAME} and {@code <HOST>_TOKEN}, where
 * {@code <HOST>} is the registry host (and port) upper-cased with every non-alphanumeric character turned into
 * {@code _} ({@code registry.example.com:5000} → {@code REGISTRY_EXAMPLE_COM_5000_TOKEN}). For {@code ghcr.io} the
 * shorter {@code GHCR_USERNAME}/{@code GHCR_TOKEN} are read first (a PAT with {@code read:packages}, plus
 * {@code write:packages} to promote).
 */
@FunctionalInterface
public interface RegistryCredentials {

    RegistryCredentials NONE = registry -> Optional.empty();

    Optional<Credential> forRegistry(String registry);

    /** Reads the convention above from {@code env}; values found are registered with the {@link Redactor}. */
    static RegistryCredentials fromEnvironment(Map<String, String> env) {
        return registry -> {
            for (List<String> names : candidateNames(registry)) {
                String user = env.get(names.get(0));
                String token = env.get(names.get(1));
                if (user != null && !user.isBlank() && token != null && !token.isBlank()) {
                    Redactor.register(token);
                    return Optional.of(new Credential(user.trim(), token.trim()));
                }
            }
            return Optional.empty();
        };
    }

    /** The variable pairs read for {@code registry}, preferred first: [[USERNAME var, TOKEN var], …]. */
    static List<List<String>> candidateNames(String registry) {
        String generic = registry.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        List<String> genericPair = List.of(generic + "_USERNAME", generic + "_TOKEN");
        if (registry.equalsIgnoreCase("ghcr.io")) {
            return List.of(List.of("GHCR_USERNAME", "GHCR_TOKEN"), genericPair);
        }
        return List.of(genericPair);
    }

    /** "GHCR_USERNAME and GHCR_TOKEN", for messages telling an operator what to set. */
    static String describeVariables(String registry) {
        List<String> pair = candidateNames(registry).get(0);
        return pair.get(0) + " and " + pair.get(1);
    }

    /** A user name and a token or password; {@link #toString()} never shows the token. */
    record Credential(String username, String token) {

        public String basicHeader() {
            String raw = username + ":" + token;
            return "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Credential[username=" + username + ", token=[REDACTED]]";
        }
    }
}
