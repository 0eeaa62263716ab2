package dev.gpuops.sandbox.runpod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The wire shapes of the simulated state, one method per documented response. */
final class SimViews {

    private SimViews() {
    }

    /** {@code GET /v2/{id}/health}: all six worker counters unless the sandbox was told to omit some. */
    static ObjectNode health(SimEndpoint e, Set<String> omittedWorkerCounters) {
        ObjectNode root = Reply.object();
        ObjectNode jobs = root.putObject("jobs");
        jobs.put("completed", e.completed);
        jobs.put("failed", e.failed);
        jobs.put("inProgress", e.inProgress());
        jobs.put("inQueue", e.queue.size());
        jobs.put("retried", e.retried);
        ObjectNode workers = root.putObject("workers");
        long idle = e.count(SimWorker.State.IDLE);
        long running = e.count(SimWorker.State.RUNNING);
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("idle", idle);
        counters.put("initializing", e.count(SimWorker.State.INITIALIZING));
        counters.put("ready", idle + running);
        counters.put("running", running);
        counters.put("throttled", e.count(SimWorker.State.THROTTLED));
        counters.put("unhealthy", e.count(SimWorker.State.UNHEALTHY));
        counters.forEach((name, value) -> {
            if (!omittedWorkerCounters.contains(name)) {
                workers.put(name, value);
            }
        });
        return root;
    }

    /** {@code /status/{id}}, {@code /runsync} and friends. */
    static ObjectNode job(SimJob job) {
        ObjectNode node = Reply.object();
        if (job.startedAt >= 0) {
            node.put("delayTime", job.startedAt - job.submittedAt);
        }
        if (job.finishedAt >= 0 && job.startedAt >= 0) {
            node.put("executionTime", job.finishedAt - job.startedAt);
        }
        node.put("id", job.id);
        if (job.output != null) {
            node.set("output", job.output);
        }
        if (job.error != null) {
            node.put("error", job.error);
        }
        node.put("status", job.status.name());
        if (job.workerId != null) {
            node.put("workerId", job.workerId);
        }
        return node;
    }

    static ObjectNode jobRef(SimJob job) {
        ObjectNode node = Reply.object();
        node.put("id", job.id);
        node.put("status", job.status.name());
        return node;
    }

    /** REST v1 endpoint object (a subset of the documented fields, same names and types). */
    static ObjectNode restEndpoint(SimEndpoint e, SimTemplate template, boolean withTemplate, boolean withWorkers,
                                   double dollarsPerWorkerSecond) {
        ObjectNode node = Reply.object();
        node.putArray("allowedCudaVersions");
        node.put("computeType", "GPU");
        node.putArray("dataCenterIds");
        ObjectNode env = node.putObject("env");
        template.env.forEach(env::put);
        node.put("executionTimeoutMs", e.executionTimeoutMs);
        node.put("gpuCount", e.gpuCount);
        ArrayNode gpus = node.putArray("gpuTypeIds");
        e.gpuTypeIds.forEach(gpus::add);
        node.put("id", e.id);
        node.put("idleTimeout", e.idleTimeout);
        node.put("name", e.name);
        node.put("networkVolumeId", e.networkVolumeId);
        node.put("scalerType", e.scalerType);
        node.put("scalerValue", e.scalerValue);
        node.put("templateId", e.templateId);
        node.put("userId", "user_sandbox");
        node.put("version", e.version);
        node.put("workersMax", e.workersMax);
        node.put("workersMin", e.workersMin);
        if (withTemplate) {
            node.set("template", restTemplate(template));
        }
        if (withWorkers) {
            ArrayNode workers = node.putArray("workers");
            for (SimWorker w : e.workers) {
                workers.add(restWorker(w, dollarsPerWorkerSecond));
            }
        }
        return node;
    }

    private static ObjectNode restWorker(SimWorker w, double dollarsPerWorkerSecond) {
        ObjectNode node = Reply.object();
        node.put("id", w.id);
        node.put("costPerHr", String.format(java.util.Locale.ROOT, "%.2f", dollarsPerWorkerSecond * 3600));
        node.put("desiredStatus", w.state == SimWorker.State.UNHEALTHY ? "EXITED" : "RUNNING");
        node.put("imageName", w.image);
        node.put("lastStatusChange", switch (w.state) {
            case THROTTLED -> "Waiting for GPU capacity";
            case INITIALIZING -> "Initializing: pulling " + w.image;
            case IDLE, RUNNING -> "Ready";
            case UNHEALTHY -> "Unhealthy: " + w.lastError;
        });
        return node;
    }

    static ObjectNode restTemplate(SimTemplate t) {
        ObjectNode node = Reply.object();
        node.put("category", "NVIDIA");
        node.put("containerDiskInGb", t.containerDiskInGb);
        node.putArray("dockerEntrypoint");
        node.putArray("dockerStartCmd");
        ObjectNode env = node.putObject("env");
        t.env.forEach(env::put);
        node.put("id", t.id);
        node.put("imageName", t.imageName);
        node.put("isPublic", false);
        node.put("isRunpod", false);
        node.put("isServerless", t.isServerless);
        node.put("name", t.name);
        node.putArray("ports");
        node.put("volumeInGb", t.volumeInGb);
        node.put("volumeMountPath", "/workspace");
        return node;
    }

    /** GraphQL {@code Endpoint}, before projection onto the selection set. */
    static Map<String, Object> graphqlEndpoint(SimEndpoint e, SimTemplate template) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("name", e.name);
        m.put("gpuIds", e.gpuIds);
        m.put("idleTimeout", e.idleTimeout);
        m.put("locations", e.locations);
        m.put("networkVolumeId", e.networkVolumeId);
        m.put("scalerType", e.scalerType);
        m.put("scalerValue", e.scalerValue);
        m.put("templateId", e.templateId);
        m.put("workersMin", e.workersMin);
        m.put("workersMax", e.workersMax);
        m.put("executionTimeoutMs", e.executionTimeoutMs);
        m.put("gpuCount", e.gpuCount);
        m.put("flashBootType", e.flashBootType);
        m.put("type", "QB");
        m.put("env", envList(template.env));
        m.put("template", graphqlTemplate(template));
        return m;
    }

    static Map<String, Object> graphqlTemplate(SimTemplate t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id);
        m.put("name", t.name);
        m.put("imageName", t.imageName);
        m.put("containerDiskInGb", t.containerDiskInGb);
        m.put("volumeInGb", t.volumeInGb);
        m.put("dockerArgs", t.dockerArgs);
        m.put("isServerless", t.isServerless);
        m.put("env", envList(t.env));
        return m;
    }

    private static List<Object> envList(Map<String, String> env) {
        List<Object> list = new ArrayList<>();
        env.forEach((k, v) -> {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("key", k);
            pair.put("value", v);
            list.add(pair);
        });
        return list;
    }
}
