package dev.gpuops.runbook.action.core;

import dev.gpuops.provider.health.HealthProbe;
import dev.gpuops.provider.health.ProbeAttempt;
import dev.gpuops.provider.health.ProbeReport;
import dev.gpuops.provider.health.ProbeSpec;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.target.Durations;
import dev.gpuops.target.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code http.health}: waits for a health URL to answer 2xx, after a first-boot grace, and records the whole probe
 * history as HTTP_PROBE evidence so diagnosis can tell a booting VM from a crashing app.
 */
@RunbookAction(key = "http.health", idempotent = true, destructive = false,
        description = "Waits for the health URL to answer 2xx")
public final class HttpHealthAction implements Action<HttpHealthAction.Params> {

    /** Kept free so the last request still fits inside the step's own timeout. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    public record Params(
            @Param("full health URL; default target health.url, else http://<host>:<port><path>") String url,
            @Param("host or IP to probe when the target has no health.url, e.g. ${steps.launch.ip}") String host,
            @Param(value = "port with host", defaultValue = "target container.port, else 80") Integer port,
            @Param(value = "path with host", defaultValue = "target health.path, else /health") String path,
            @Param(value = "first-boot grace before the first request", defaultValue = "target health.initialDelay")
            Duration initialDelay,
            @Param(value = "how long to keep trying after the grace", defaultValue = "target health.timeout (5m)")
            Duration timeout,
            @Param(value = "pause between requests", defaultValue = "10s") Duration interval,
            @Param(value = "text the body must contain", defaultValue = "target health.expectBody") String expectBody,
            @Param(value = "limit for one request", defaultValue = "5s") Duration requestTimeout) {

        public Params {
            if (url != null && !url.isBlank() && !url.matches("(?i)https?://[^\\s/]+.*")) {
                throw new IllegalArgumentException("http.health `url` must be http(s)://host[:port]/path, not '"
                        + url + "'");
            }
            if (port != null && (port < 1 || port > 65535)) {
                throw new IllegalArgumentException("http.health `port` must be between 1 and 65535");
            }
            if (path != null && !path.isBlank() && !path.startsWith("/")) {
                path = "/" + path;
            }
        }
    }

    private final HttpClient client;

    public HttpHealthAction() {
        this(HttpClient.newBuilder().connectTimeout(ProbeSpec.DEFAULT_REQUEST_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    public HttpHealthAction(HttpClient client) {
        this.client = client;
    }

    @Override
    public StepResult execute(StepContext context, Params params) throws InterruptedException {
        ProbeSpec spec;
        try {
            spec = fitToStep(spec(context.target(), params), context);
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent("http.health: " + e.getMessage());
        }
        HealthProbe probe = new HealthProbe(client, context::pause, context.clock());
        Instant start = context.clock().instant();
        ProbeReport report = probe.await(spec, attempt -> {
            if (!attempt.healthy()) {
                context.progress(attempt.describe());
            }
        }, context::cancelled);
        context.evidence(Evidence.Kind.HTTP_PROBE, "GET " + spec.url(), report.history());
        if (report.healthy()) {
            return success(report, Duration.between(start, context.clock().instant()));
        }
        if (report.cancelled()) {
            throw StepFailure.permanent("health check of " + spec.url() + " stopped: the run was cancelled");
        }
        throw StepFailure.permanent(failure(report, spec, gatedModel(context.target())));
    }

    static ProbeSpec spec(Target target, Params params) {
        Target.Health health = target.health();
        URI url = URI.create(url(target, params));
        return new ProbeSpec(url,
                first(params.initialDelay(), health == null ? null : health.initialDelay()),
                first(params.timeout(), health == null ? null : health.timeout()),
                params.interval(), params.requestTimeout(),
                first(params.expectBody(), health == null ? null : health.expectBody()));
    }

    private static String url(Target target, Params params) {
        if (params.url() != null && !params.url().isBlank()) {
            return params.url();
        }
        Target.Health health = target.health();
        if (health != null && health.url() != null && !health.url().isBlank()) {
            return health.url();
        }
        if (params.host() == null || params.host().isBlank()) {
            throw StepFailure.permanent("http.health has no URL for target " + target.name() + ": set `url:` or "
                    + "`host:` on the step, or health.url on the target");
        }
        Integer port = first(params.port(), target.container() == null ? null : target.container().port());
        String path = first(params.path(), health == null ? null : health.path());
        return "http://" + params.host() + (port == null ? "" : ":" + port) + (path == null ? "/health" : path);
    }

    /** The probe must end before the engine's step timeout does, or its history would be lost to a bare timeout. */
    private static ProbeSpec fitToStep(ProbeSpec spec, StepContext context) {
        Duration available = Duration.between(context.clock().instant(), context.deadline())
                .minus(spec.requestTimeout()).minus(MARGIN);
        if (available.isNegative()) {
            available = Duration.ZERO;
        }
        Duration grace = spec.initialDelay().compareTo(available) > 0 ? available : spec.initialDelay();
        Duration left = available.minus(grace);
        return spec.timeout().compareTo(left) > 0
                ? spec.withInitialDelay(grace).withTimeout(left) : spec.withInitialDelay(grace);
    }

    private static StepResult success(ProbeReport report, Duration took) {
        ProbeAttempt last = report.last();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("url", report.url().toString());
        outputs.put("status", Integer.toString(last.status()));
        outputs.put("attempts", Integer.toString(report.attempts().size()));
        return new StepResult("GET " + report.url() + " → " + last.status() + " after "
                + report.attempts().size() + (report.attempts().size() == 1 ? " attempt" : " attempts")
                + " (" + dev.gpuops.runbook.action.Wait.format(took) + ")", outputs);
    }

    /** Only a target that passes HF_TOKEN into its container loads a gated model; others get no hint about it. */
    private static boolean gatedModel(Target target) {
        return target.container() != null && target.container().secretEnv() != null
                && target.container().secretEnv().contains("HF_TOKEN");
    }

    private static String failure(ProbeReport report, ProbeSpec spec, boolean gatedModel) {
        ProbeAttempt last = report.last();
        int attempts = report.attempts().size();
        String what = spec.url() + (attempts == 1 ? " not healthy (probed once)"
                : " not healthy after " + Durations.format(spec.initialDelay().plus(spec.timeout())) + " ("
                + attempts + " attempts)") + "; last: " + last.describe() + ". ";
        return what + switch (last.outcome()) {
            case REFUSED, TIMEOUT -> "Nothing answered: the VM or app may need longer (raise health.initialDelay or "
                    + "timeout) or never started; check the container or supervisor status.";
            case RESET -> "The app accepts connections and dies: check its logs" + (gatedModel
                    ? " (a gated model without HF_TOKEN crashes like this)." : ".");
            case NON_2XX -> "The app runs but reports an error: check its logs.";
            case BODY_MISMATCH -> "The app answers but not with the expected body: check its logs and health.expectBody.";
            case DNS, UNREACHABLE -> "Check the host address and that the instance is up.";
            default -> "Check the app's logs.";
        };
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
