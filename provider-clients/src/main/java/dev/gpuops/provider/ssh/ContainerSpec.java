package dev.gpuops.provider.ssh;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The canonical {@code docker run} of seed 000 §8: detached, named, restarted unless stopped, all GPUs, one published
 * port, plain env vars with {@code -e}, and secrets only through an {@code --env-file} written over stdin.
 *
 * @param port    published as {@code -p port:port}; null publishes nothing
 * @param gpus    {@code all}, a count, or {@code device=0,1}; null or blank runs without {@code --gpus}
 * @param env     non-secret variables; names that look secret (HF_TOKEN) are refused here
 * @param envFile absolute path of a root-only env file on the host, or null
 */
public record ContainerSpec(String name, String image, Integer port, String gpus, String restartPolicy,
                            Map<String, String> env, String envFile) {

    private static final Pattern GPUS = Pattern.compile("all|[0-9]{1,3}|device=[0-9,]{1,64}");
    private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(:[0-9]{1,4})?");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(/[A-Za-z0-9_.@+-]+)+");

    public ContainerSpec {
        CommandArgs.containerName(name);
        CommandArgs.imageReference(image);
        if (port != null) {
            CommandArgs.port(port);
        }
        gpus = gpus == null || gpus.isBlank() ? null : gpus;
        if (gpus != null && !GPUS.matcher(gpus).matches()) {
            throw new IllegalArgumentException("container gpus must be all, a count or device=0,1; not "
                    + CommandArgs.show(gpus));
        }
        restartPolicy = restartPolicy == null ? "unless-stopped" : restartPolicy;
        if (!RESTART.matcher(restartPolicy).matches()) {
            throw new IllegalArgumentException("invalid restart policy " + CommandArgs.show(restartPolicy));
        }
        env = Collections.unmodifiableMap(new TreeMap<>(env == null ? Map.of() : env));
        env.forEach(ContainerSpec::checkPlainEnv);
        if (envFile != null && !ABSOLUTE_PATH.matcher(envFile).matches()) {
            throw new IllegalArgumentException("env file must be an absolute path, not " + CommandArgs.show(envFile));
        }
    }

    /** Seed 000's command: {@code --restart unless-stopped --gpus all}, no env file. */
    public static ContainerSpec canonical(String name, String image, Integer port, Map<String, String> env) {
        return new ContainerSpec(name, image, port, "all", "unless-stopped", env, null);
    }

    public ContainerSpec withEnvFile(String path) {
        return new ContainerSpec(name, image, port, gpus, restartPolicy, env, path);
    }

    public ContainerSpec withImage(String newImage) {
        return new ContainerSpec(name, newImage, port, gpus, restartPolicy, env, envFile);
    }

    private static void checkPlainEnv(String key, String value) {
        CommandArgs.envName(key);
        Objects.requireNonNull(value, () -> "env var " + key + " has no value");
        if (CommandArgs.looksSecret(key)) {
            throw new IllegalArgumentException(key + " looks like a secret and would be visible on the docker command"
                    + " line and in `ps`; list it under container.secretEnv so it is passed through a root-only env"
                    + " file instead");
        }
    }
}
