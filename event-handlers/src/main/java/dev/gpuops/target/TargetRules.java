package dev.gpuops.target;

import dev.gpuops.event.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a target must declare for its provider, checked at load time so a missing host is a startup error rather
 * than a 3 a.m. surprise.
 */
final class TargetRules {

    static final Set<String> PROVIDERS = Set.of("ssh", "lambda", "runpod", "vast", "aws-asg");
    /** gpuops' own credentials: a container must never be given them through {@code container.secretEnv}. */
    static final Pattern OWN_CREDENTIALS = Pattern.compile(
            "SLACK_.*|GITHUB_WEBHOOK_SECRET|RUNPOD_API_KEY|LAMBDA.*|VAST_API_KEY|AWS_.*|GHCR_.*|KAFKA_.*");
    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private record Requirement(String field, Function<Target, Object> value) {
    }

    /** @param field relative to the target ({@code ssh.host}) */
    record Finding(String field, String message) {
    }

    private static final Map<String, List<Requirement>> REQUIRED = Map.of(
            "ssh", List.of(
                    new Requirement("ssh.host", t -> t.ssh() == null ? null : t.ssh().host()),
                    new Requirement("ssh.user", t -> t.ssh() == null ? null : t.ssh().user())),
            "lambda", List.of(new Requirement("lambda.name", t -> t.lambda() == null ? null : t.lambda().name())),
            "runpod", List.of(
                    new Requirement("runpod.endpointId", t -> t.runpod() == null ? null : t.runpod().endpointId())),
            "vast", List.of(new Requirement("vast.instanceId", t -> t.vast() == null ? null : t.vast().instanceId())),
            "aws-asg", List.of(
                    new Requirement("aws.region", t -> t.aws() == null ? null : t.aws().region()),
                    new Requirement("aws.autoScalingGroup", t -> t.aws() == null ? null : t.aws().autoScalingGroup())));

    private TargetRules() {
    }

    static String nameProblem(String name) {
        if (NAME.matcher(name).matches()) {
            return null;
        }
        return "bad target name '" + name + "': use lowercase letters, digits and dashes (at most 63), "
                + "starting and ending with a letter or digit";
    }

    static List<Finding> check(Target target) {
        List<Finding> problems = new ArrayList<>();
        String provider = target.provider();
        if (provider == null || provider.isBlank()) {
            problems.add(new Finding("provider", "missing; set one of " + String.join(", ", sorted())));
        } else if (!PROVIDERS.contains(provider)) {
            problems.add(new Finding("provider", "unknown provider '" + provider + "'; expected one of "
                    + String.join(", ", sorted())));
        } else {
            for (Requirement requirement : REQUIRED.get(provider)) {
                Object value = requirement.value().apply(target);
                if (value == null || value.toString().isBlank()) {
                    problems.add(new Finding(requirement.field(),
                            "required for provider " + provider + " targets"));
                }
            }
        }
        sectionChecks(target, problems);
        safetyChecks(target, problems);
        MonitorRules.check(target).forEach((field, message) -> problems.add(new Finding(field, message)));
        return problems;
    }

    private static void sectionChecks(Target target, List<Finding> problems) {
        if (target.health() != null && blank(target.health().url()) && blank(target.health().path())) {
            problems.add(new Finding("health", "set either url (a full URL) or path (appended to the host)"));
        }
        if (target.health() != null && target.health().timeout().isZero()) {
            problems.add(new Finding("health.timeout", "must be longer than 0s"));
        }
        if (target.ssh() != null && target.ssh().port() != null && !validPort(target.ssh().port())) {
            problems.add(new Finding("ssh.port", "must be between 1 and 65535"));
        }
        if (target.container() != null && target.container().port() != null
                && !validPort(target.container().port())) {
            problems.add(new Finding("container.port", "must be between 1 and 65535"));
        }
        if (target.runpod() != null && target.runpod().initTimeoutSeconds() != null
                && target.runpod().initTimeoutSeconds() <= 0) {
            problems.add(new Finding("runpod.initTimeoutSeconds", "must be a positive number of seconds"));
        }
        for (String verb : target.runbooks().keySet()) {
            if (Verb.parse(verb).isEmpty()) {
                problems.add(new Finding("runbooks." + verb, "not a verb; expected one of " + verbs()));
            }
        }
    }

    /** What would make a target unsafe rather than broken: an unknown environment, leaking our own credentials. */
    private static void safetyChecks(Target target, List<Finding> problems) {
        if (target.environment() == null) {
            problems.add(new Finding("environment", "required; set `environment: staging` or "
                    + "`environment: production` (there is no default, so production is never mistaken for staging)"));
        }
        if (target.container() != null) {
            for (String name : target.container().secretEnv()) {
                if (OWN_CREDENTIALS.matcher(name).matches()) {
                    problems.add(new Finding("container.secretEnv", name + " is one of gpuops' own "
                            + "credentials and would be handed to the container; list only what the container needs "
                            + "(e.g. HF_TOKEN), and keep SLACK_*, GITHUB_WEBHOOK_SECRET, RUNPOD_API_KEY, LAMBDA*, "
                            + "VAST_API_KEY, AWS_*, GHCR_* and KAFKA_* for gpuops alone"));
                }
            }
        }
    }

    private static boolean validPort(int port) {
        return port >= 1 && port <= 65535;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static List<String> sorted() {
        return PROVIDERS.stream().sorted().toList();
    }

    private static String verbs() {
        return String.join(", ", java.util.Arrays.stream(Verb.values()).map(Verb::key).toList());
    }
}
