package dev.gpuops.runbook.action.runpod;

import dev.gpuops.provider.runpod.Endpoint;
import dev.gpuops.provider.runpod.EndpointHealth;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** What every RunPod action needs: the client, the target's ids, and failures explained for the thread. */
final class RunPodSteps {

    private RunPodSteps() {
    }

    static RunPodClient client(StepContext ctx) {
        return ctx.runpod();
    }

    static String endpointId(StepContext ctx) {
        Target.Runpod runpod = ctx.target().runpod();
        if (runpod == null || runpod.endpointId() == null || runpod.endpointId().isBlank()) {
            throw StepFailure.permanent("target " + ctx.target().name() + " has no runpod.endpointId in the targets"
                    + " file; add `runpod: {endpointId: <id>, templateId: <id>}` (ids are on the RunPod console)");
        }
        return runpod.endpointId();
    }

    static String templateId(StepContext ctx) {
        Target.Runpod runpod = ctx.target().runpod();
        if (runpod == null || runpod.templateId() == null || runpod.templateId().isBlank()) {
            throw StepFailure.permanent("target " + ctx.target().name() + " has no runpod.templateId in the targets"
                    + " file; add it (the endpoint's templateId, see GET /v1/endpoints/<id>)");
        }
        return runpod.templateId();
    }

    /**
     * Turns a client failure into a step failure that says what to do. A 404 on the endpoint lists the account's
     * live endpoints, because seed 003's dead id is only fixed by finding the new one.
     */
    static StepFailure explain(ProviderException e, StepContext ctx, String endpointId) {
        String message = e.getMessage();
        return switch (e) {
            case ProviderException.NotFound notFound -> StepFailure.permanent(message + liveEndpoints(ctx, endpointId));
            case ProviderException.RateLimited limited -> new StepFailure(message + "; RunPod will accept it again"
                    + limited.retryAfter().map(d -> " in " + d.toSeconds() + " s").orElse(" shortly"), true, e);
            case ProviderException.Transient t -> new StepFailure(message, true, e);
            default -> new StepFailure(message, false, e);
        };
    }

    private static String liveEndpoints(StepContext ctx, String endpointId) {
        try {
            List<Endpoint> live = client(ctx).myEndpoints();
            if (live.isEmpty()) {
                return ". This account has no endpoints at all";
            }
            return ". Live endpoints on this account: " + live.stream()
                    .map(e -> e.id() + " (" + e.name() + ")").collect(Collectors.joining(", "))
                    + "; set runpod.endpointId of " + ctx.target().name() + " to the right one";
        } catch (ProviderException | StepFailure listing) {
            return "";
        }
    }

    /** "ready 1, idle 1, running 0, initializing 2, unhealthy 0, throttled 0; queue 3, in progress 0". */
    static String counts(EndpointHealth h) {
        EndpointHealth.Workers w = h.workers();
        String missing = h.missingCounters().isEmpty() ? ""
                : " (not reported by RunPod: " + String.join(", ", h.missingCounters()) + ")";
        return "workers ready " + w.up() + ", idle " + w.idle() + ", running " + w.running() + ", initializing "
                + w.initializing() + ", unhealthy " + w.unhealthy() + ", throttled " + w.throttled() + "; queue "
                + h.jobs().inQueue() + ", in progress " + h.jobs().inProgress() + ", completed "
                + h.jobs().completed() + ", failed " + h.jobs().failed() + missing;
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : seconds(d) + "s";
    }

    /**
     * RunPod's own delayTime/executionTime, capped at what this step measured: a provider (or a simulator on another
     * clock) may report more than the step waited, and the thread must not claim a 30 s cold start in a 10 s step.
     */
    static Duration atMost(Duration reported, Duration measured) {
        return reported.compareTo(measured) > 0 ? measured : reported;
    }
}
