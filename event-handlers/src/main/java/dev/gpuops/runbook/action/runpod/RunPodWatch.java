package dev.gpuops.runbook.action.runpod;

import dev.gpuops.provider.runpod.EndpointHealth;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.ssh.SshTargets;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a series of RunPod /health snapshots during a cold start and says when waiting has become pointless: workers
 * turning unhealthy before any was ready (RunPod killed them), or workers initializing for longer than
 * RUNPOD_INIT_TIMEOUT with none ready. Keeps the changes as a timeline for the diagnosis.
 */
final class RunPodWatch {

    /** A worker already initializing when the watch began started earlier than we saw. */
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final int TIMELINE_MAX = 20;

    private final StepContext ctx;
    private final int maxRestarts;
    private final Duration initTimeout;
    private final Instant start;
    private final List<String> timeline = new ArrayList<>();
    private String lastCounts = "";
    private int lastUnhealthy;
    private int restarts;
    private Instant initializingSince;

    RunPodWatch(StepContext ctx, String endpointId, int maxRestarts) {
        this.ctx = ctx;
        this.maxRestarts = maxRestarts;
        this.initTimeout = initTimeout(ctx);
        this.start = ctx.clock().instant();
    }

    Duration initTimeout() {
        return initTimeout;
    }

    /** @return why the cold start will not finish, or null to keep waiting */
    String observe(EndpointHealth health) {
        Instant now = ctx.clock().instant();
        EndpointHealth.Workers w = health.workers();
        String counts = health.summary();
        if (!counts.equals(lastCounts)) {
            lastCounts = counts;
            if (timeline.size() < TIMELINE_MAX) {
                timeline.add("+" + human(Duration.between(start, now)) + ": " + counts);
            }
            ctx.progress("cold start " + human(Duration.between(start, now)) + ": " + counts);
        }
        restarts += Math.max(0, w.unhealthy() - lastUnhealthy);
        lastUnhealthy = w.unhealthy();
        if (w.up() > 0 || w.running() > 0) {
            initializingSince = null;
            return null;
        }
        if (restarts >= maxRestarts) {
            return restarts + " worker(s) marked unhealthy before any became ready";
        }
        // a killed worker shows unhealthy, then initializing again: both are still "starting"
        boolean starting = w.initializing() > 0 || w.unhealthy() > 0;
        initializingSince = starting ? (initializingSince == null ? now : initializingSince) : null;
        if (initializingSince != null && !now.isBefore(initializingSince.plus(initTimeout).plus(GRACE))) {
            return "workers initializing for " + human(Duration.between(initializingSince, now))
                    + ", longer than RUNPOD_INIT_TIMEOUT=" + initTimeout.toSeconds() + "s, and none ever ready";
        }
        return null;
    }

    String timeline() {
        return String.join("\n", timeline);
    }

    static String endpointId(Target target) {
        if (target.runpod() == null || SshTargets.blank(target.runpod().endpointId())) {
            throw StepFailure.permanent("target " + target.name() + " has no runpod.endpointId in the targets file;"
                    + " add it (the id is on the RunPod console)");
        }
        return target.runpod().endpointId();
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }

    /** The template's RUNPOD_INIT_TIMEOUT, else the targets file's, else RunPod's default of 420 s. */
    private static Duration initTimeout(StepContext ctx) {
        Target.Runpod runpod = ctx.target().runpod();
        if (!SshTargets.blank(runpod.templateId())) {
            try {
                String value = ctx.runpod().getTemplate(runpod.templateId()).env()
                        .get("RUNPOD_INIT_TIMEOUT");
                if (value != null && value.strip().matches("\\d{1,5}")) {
                    return Duration.ofSeconds(Long.parseLong(value.strip()));
                }
            } catch (ProviderException e) {
                ctx.progress("could not read the template's RUNPOD_INIT_TIMEOUT (" + e.getMessage() + ")");
            }
        }
        return Duration.ofSeconds(runpod.initTimeoutSeconds() != null ? runpod.initTimeoutSeconds() : 420);
    }
}
