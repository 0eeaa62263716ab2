package dev.gpuops.runbook.action.runpod;

import dev.gpuops.provider.runpod.EndpointHealth;

/** Why a job sits IN_QUEUE, read from worker counts: each of seed 003's causes looks different in /health. */
final class QueueDiagnosis {

    private QueueDiagnosis() {
    }

    static String whyQueued(EndpointHealth health) {
        if (health == null) {
            return "RunPod /health could not be read to tell why";
        }
        EndpointHealth.Workers w = health.workers();
        if (w.up() > 0) {
            return w.up() + " worker(s) report ready but did not pick the job up — the runpod-python routing"
                    + " bug of SDKs newer than 1.7.10: pin runpod==1.7.10 in the image, redeploy, then purge the queue"
                    + " (runpod.purge_queue)";
        }
        if (w.initializing() > 0 || w.unhealthy() > 0) {
            return "no worker is ready yet (initializing " + w.initializing() + ", unhealthy " + w.unhealthy()
                    + ") and jobs wait IN_QUEUE until one is; large images can loop on RUNPOD_INIT_TIMEOUT"
                    + " (default 420 s) — check with runpod.wait_ready and raise it with runpod.set_image";
        }
        if (w.throttled() > 0) {
            return w.throttled() + " worker(s) throttled: no GPU of the endpoint's type is free right now; allow"
                    + " more GPU types on the endpoint or wait";
        }
        return "the endpoint has no workers at all — workersMax may be 0; raise it with runpod.scale";
    }
}
