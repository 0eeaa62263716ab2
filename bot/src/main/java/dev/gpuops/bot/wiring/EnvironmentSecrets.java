package dev.gpuops.bot.wiring;

import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.action.SecretSource;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * Secrets by variable name (HF_TOKEN, GHCR_TOKEN, …) from the bot's environment. Every value handed out is
 * registered with the redactor first, so it is masked wherever it might later appear.
 */
public final class EnvironmentSecrets implements SecretSource {

    private final Environment environment;

    public EnvironmentSecrets(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Optional<String> get(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_]{1,128}")) {
            return Optional.empty();
        }
        String value = environment.getProperty(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Redactor.register(value);
        return Optional.of(value);
    }

    /** A read-only map view for clients that take their settings as an environment map. */
    public Map<String, String> asMap() {
        return new AbstractMap<>() {
            @Override
            public String get(Object key) {
                return key instanceof String name ? EnvironmentSecrets.this.get(name).orElse(null) : null;
            }

            @Override
            public boolean containsKey(Object key) {
                return get(key) != null;
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                return Set.of();
            }
        };
    }
}
