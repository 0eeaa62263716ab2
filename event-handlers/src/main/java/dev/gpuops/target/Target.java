package dev.gpuops.target;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operable system, as declared in the targets file. Sections are optional; which ones a target needs depends on
 * its {@code provider}. Key names are public configuration: keep them.
 *
 * @param runbooks per-verb runbook overrides, e.g. {@code restart: my-restart}
 */
public record Target(
        String name,
        String provider,
        String channel,
        Environment environment,
        String image,
        Ssh ssh,
        Supervisor supervisor,
        Health health,
        Github github,
        Container container,
        Lambda lambda,
        Runpod runpod,
        Vast vast,
        Aws aws,
        Runtime runtime,
        Map<String, String> runbooks) {

    public Target {
        runbooks = runbooks == null ? Map.of() : Map.copyOf(runbooks);
    }

    public Target withName(String newName) {
        return new Target(newName, provider, channel, environment, image, ssh, supervisor, health, github, container,
                lambda, runpod, vast, aws, runtime, runbooks);
    }

    @JsonIgnore
    public boolean production() {
        return environment == Environment.PRODUCTION;
    }

    public Optional<String> runbookOverride(String verb) {
        return Optional.ofNullable(runbooks.get(verb));
    }

    public enum Environment {
        STAGING, PRODUCTION;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Environment parse(String value) {
            return switch (value == null ? "" : value.toLowerCase(java.util.Locale.ROOT)) {
                case "staging" -> STAGING;
                case "production" -> PRODUCTION;
                default -> throw new IllegalArgumentException(
                        "environment must be staging or production, not '" + value + "'");
            };
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Host may be left out for cloud targets whose address is resolved at run time (Lambda, Vast). */
    public record Ssh(String host, Integer port, String user, String privateKey, String knownHosts) {
        public int portOrDefault() {
            return port == null ? 22 : port;
        }
    }

    public record Supervisor(String socket, List<String> programs, Map<String, String> logs) {
        public Supervisor {
            socket = socket == null ? "unix:///tmp/supervisor.sock" : socket;
            programs = programs == null ? List.of() : List.copyOf(programs);
            logs = logs == null ? Map.of() : Map.copyOf(logs);
        }
    }

    /** Either a full {@code url}, or a {@code path} appended to the address resolved at run time. */
    public record Health(String url, String path, Duration initialDelay, Duration timeout, String expectBody) {
        public Health {
            initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
            timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
        }
    }

    public record Github(String repo, String workflow, String branch, String tag) {
        public Github {
            tag = tag == null ? "canary" : tag;
        }
    }

    public record Container(String name, Integer port, String gpus, Map<String, String> env, List<String> secretEnv) {
        public Container {
            gpus = gpus == null ? "all" : gpus;
            env = env == null ? Map.of() : Map.copyOf(env);
            secretEnv = secretEnv == null ? List.of() : List.copyOf(secretEnv);
        }
    }

    public record Lambda(String name, String instanceType, String region, String sshKeyName) {
    }

    public record Runpod(String endpointId, String templateId, Integer initTimeoutSeconds) {
        public int initTimeoutOrDefault() {
            return initTimeoutSeconds == null ? 900 : initTimeoutSeconds;
        }
    }

    public record Vast(Long instanceId) {
    }

    public record Aws(String region, String autoScalingGroup, String ssmPrefix) {
    }

    /**
     * How a target's runtime is restarted and checked when it is not a plain container (seed 002's
     * {@code start_remote.sh}), and where its logs live.
     */
    public record Runtime(String restartCommand, String statusCommand, List<String> queues, List<String> modelPaths,
                          List<String> logFiles) {
        public Runtime {
            queues = queues == null ? List.of() : List.copyOf(queues);
            modelPaths = modelPaths == null ? List.of() : List.copyOf(modelPaths);
            logFiles = logFiles == null ? List.of() : List.copyOf(logFiles);
        }
    }
}
