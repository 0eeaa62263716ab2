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
        Map<String, String> runbooks,
        Monitor monitor,
        List<String> oncall,
        Remediate remediate) {

    public Target {
        runbooks = runbooks == null ? Map.of() : Map.copyOf(runbooks);
        oncall = oncall == null ? List.of() : List.copyOf(oncall);
    }

    /** A target without the health-monitor keys (monitored with the defaults, no oncall, no remediation). */
    public Target(String name, String provider, String channel, Environment environment, String image, Ssh ssh,
                  Supervisor supervisor, Health health, Github github, Container container, Lambda lambda,
                  Runpod runpod, Vast vast, Aws aws, Runtime runtime, Map<String, String> runbooks) {
        this(name, provider, channel, environment, image, ssh, supervisor, health, github, container, lambda, runpod,
                vast, aws, runtime, runbooks, null, null, null);
    }

    public Target withName(String newName) {
        return new Target(newName, provider, channel, environment, image, ssh, supervisor, health, github, container,
                lambda, runpod, vast, aws, runtime, runbooks, monitor, oncall, remediate);
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

    /**
     * @param stuckAfter how long jobs may sit in the queue with nothing completing or in progress (monitor, 5m)
     * @param burnAfter  how long workers may run with nothing completed and an empty queue (monitor, 15m)
     */
    public record Runpod(String endpointId, String templateId, Integer initTimeoutSeconds, Duration stuckAfter,
                         Duration burnAfter) {

        public Runpod(String endpointId, String templateId, Integer initTimeoutSeconds) {
            this(endpointId, templateId, initTimeoutSeconds, null, null);
        }

        public Duration stuckAfterOrDefault() {
            return stuckAfter == null ? Duration.ofMinutes(5) : stuckAfter;
        }

        public Duration burnAfterOrDefault() {
            return burnAfter == null ? Duration.ofMinutes(15) : burnAfter;
        }

        public int initTimeoutOrDefault() {
            return initTimeoutSeconds == null ? 900 : initTimeoutSeconds;
        }
    }

    public record Vast(Long instanceId) {
    }

    /** @param workers how the health monitor sees whether the group's workers registered (optional) */
    public record Aws(String region, String autoScalingGroup, String ssmPrefix, Workers workers) {

        public Aws(String region, String autoScalingGroup, String ssmPrefix) {
            this(region, autoScalingGroup, ssmPrefix, null);
        }

        /**
         * Seed 004's "workers not registering", as the monitor's {@code asg-workers} check sees it: {@code command}
         * runs through SSM on every InService instance; an instance whose output matches {@code registered} counts.
         *
         * @param minRegistered how many must have registered (default: every InService instance)
         * @param grace         how long fewer may have registered before the check fails (10m: boot and register)
         */
        public record Workers(String command, String registered, Integer minRegistered, Duration grace) {
            public Workers {
                grace = grace == null ? Duration.ofMinutes(10) : grace;
            }
        }
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

    /**
     * The health monitor's settings for this target; every key is optional.
     *
     * @param enabled      false turns monitoring of this target off (default true)
     * @param interval     time between probes (30s)
     * @param probeTimeout how long one probe may take before it counts as unknown (5s)
     * @param failAfter    consecutive failing probes before the target is failing and alerted (3)
     * @param recoverAfter consecutive passing probes before a failing target is healthy again (2)
     * @param checks       check ids replacing the provider's default checks (runbooks/checks/PROVIDER.yaml)
     */
    public record Monitor(Boolean enabled, Duration interval, Duration probeTimeout, Integer failAfter,
                          Integer recoverAfter, List<String> checks) {
        public Monitor {
            checks = checks == null ? null : List.copyOf(checks);
        }
    }

    /**
     * Automatic actions the monitor may take, opt-in.
     *
     * @param restart       {@code once}: restart the failed supervisor programs once per incident; {@code never}
     * @param scaleToZeroOn RunPod signals ({@code init-loop}, {@code credit-burn}) on which workersMax is set to 0
     * @param production    true allows these actions on an {@code environment: production} target
     */
    public record Remediate(String restart, List<String> scaleToZeroOn, Boolean production) {
        public Remediate {
            scaleToZeroOn = scaleToZeroOn == null ? List.of() : List.copyOf(scaleToZeroOn);
        }

        public boolean restartOnce() {
            return "once".equalsIgnoreCase(restart);
        }

        public boolean allowsProduction() {
            return Boolean.TRUE.equals(production);
        }
    }
}
