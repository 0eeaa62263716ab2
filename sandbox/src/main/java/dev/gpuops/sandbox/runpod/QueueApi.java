package dev.gpuops.sandbox.runpod;

import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v2/{endpointId}/{operation}[/{jobId}]}: the serverless queue API. */
final class QueueApi {

    /** Documented per-endpoint limits per 10 seconds. */
    private static final Map<String, Integer> LIMITS = Map.of(
            "run", 1000, "runsync", 2000, "status", 2000, "cancel", 100, "retry", 100, "purge-queue", 2);
    private static final long MAX_RUN_BYTES = 10L * 1024 * 1024;
    private static final long MAX_RUNSYNC_BYTES = 20L * 1024 * 1024;
    private static final long DEFAULT_SYNC_WAIT_MS = 90_000;

    private final RunPodWorld world;
    private final SimClock clock;

    QueueApi(RunPodWorld world, SimClock clock) {
        this.world = world;
        this.clock = clock;
    }

    Reply handle(SimRequest request) throws InterruptedException {
        String[] parts = request.path().replaceFirst("^/v2/", "").split("/");
        if (parts.length < 2 || parts.length > 3) {
            return Reply.error(404, "not found");
        }
        String endpointId = parts[0];
        String op = parts[1];
        String jobId = parts.length == 3 ? parts[2] : null;
        String expectedMethod = switch (op) {
            case "health", "status" -> "GET";
            default -> "POST";
        };
        if (!isKnown(op, jobId)) {
            return Reply.error(404, "not found");
        }
        if (!expectedMethod.equals(request.method())) {
            return Reply.error(405, "method " + request.method() + " not allowed on /" + op);
        }
        if (op.equals("runsync")) {
            return runsync(endpointId, request);
        }
        return world.apply(w -> dispatch(w, endpointId, op, jobId, request));
    }

    private static boolean isKnown(String op, String jobId) {
        return switch (op) {
            case "health", "run", "runsync", "purge-queue" -> jobId == null;
            case "status", "cancel", "retry" -> jobId != null;
            default -> false;
        };
    }

    private Reply dispatch(RunPodWorld w, String endpointId, String op, String jobId, SimRequest request) {
        SimEndpoint e = w.liveEndpoint(endpointId);
        if (e == null) {
            return Reply.error(404, "endpoint " + endpointId + " not found");
        }
        Reply limited = limited(w, e, op);
        if (limited != null) {
            return limited;
        }
        return switch (op) {
            case "health" -> Reply.ok(SimViews.health(e, w.settings().omittedWorkerCounters));
            case "run" -> submit(w, e, request, false);
            case "purge-queue" -> purge(w, e);
            default -> onJob(w, e, op, jobId);
        };
    }

    /** A 429 when {@code op} is over its per-endpoint budget, else null (and the call is counted). */
    private static Reply limited(RunPodWorld w, SimEndpoint e, String op) {
        Integer limit = LIMITS.get(op);
        long retryAfter = limit == null ? -1 : w.rateLimit(e, op, limit);
        if (retryAfter < 0) {
            return null;
        }
        Reply reply = Reply.error(429, "rate limit exceeded: /" + op + " allows " + limit
                + " requests per 10 seconds per endpoint");
        return w.settings().retryAfterOnRateLimit ? reply.withHeader("Retry-After", Long.toString(retryAfter)) : reply;
    }

    private static Reply purge(RunPodWorld w, SimEndpoint e) {
        int removed = w.purge(e);
        ObjectNode body = Reply.object();
        body.put("removed", removed);
        body.put("status", "completed");
        return Reply.ok(body);
    }

    private static Reply onJob(RunPodWorld w, SimEndpoint e, String op, String jobId) {
        SimJob job = w.job(e, jobId);
        if (job == null) {
            return Reply.error(404, "request does not exist");
        }
        return switch (op) {
            case "cancel" -> {
                w.cancel(e, job);
                yield Reply.ok(SimViews.jobRef(job));
            }
            case "retry" -> w.retry(e, job) ? Reply.ok(SimViews.jobRef(job))
                    : Reply.error(400, "only FAILED or TIMED_OUT jobs can be retried; job is " + job.status);
            default -> Reply.ok(SimViews.job(job));
        };
    }

    private static Reply submit(RunPodWorld w, SimEndpoint e, SimRequest request, boolean sync) {
        JsonNode body = parseRunBody(request, sync ? MAX_RUNSYNC_BYTES : MAX_RUN_BYTES);
        if (body == null) {
            return Reply.error(400, "request body must be a JSON object with an \"input\" field");
        }
        long timeout = body.path("policy").path("executionTimeout").asLong(e.executionTimeoutMs);
        SimJob job = w.submit(e, body.get("input"), timeout, sync);
        return Reply.ok(SimViews.jobRef(job));
    }

    private static JsonNode parseRunBody(SimRequest request, long maxBytes) {
        if (request.body() == null || request.body().length() > maxBytes) {
            return null;
        }
        try {
            JsonNode body = Reply.JSON.readTree(request.body());
            return body.isObject() && body.has("input") ? body : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Holds the connection until the job is final or {@code wait} ms of sim time pass, like the real runsync. */
    private Reply runsync(String endpointId, SimRequest request) throws InterruptedException {
        long waitMs = request.queryParam("wait").map(QueueApi::parseLong).orElse(DEFAULT_SYNC_WAIT_MS);
        Reply first = world.apply(w -> dispatchSync(w, endpointId, request));
        if (first.status() != 200) {
            return first;
        }
        String jobId = Reply.JSON.readTree(first.body()).path("id").asString();
        long startedAt = clock.millis();
        long wallDeadline = System.nanoTime() + clock.toWall(Duration.ofMillis(waitMs)).toNanos();
        while (true) {
            boolean waitedEnough = clock.millis() - startedAt >= waitMs || System.nanoTime() >= wallDeadline;
            Reply current = world.apply(w -> syncReply(w, endpointId, jobId, waitedEnough));
            if (current != null) {
                return current;
            }
            Thread.sleep(2);
        }
    }

    /** The final reply, or null while the job is still running and the caller is willing to wait. */
    private static Reply syncReply(RunPodWorld w, String endpointId, String jobId, boolean waitedEnough) {
        SimEndpoint e = w.liveEndpoint(endpointId);
        SimJob job = e == null ? null : w.job(e, jobId);
        if (job == null) {
            return Reply.error(404, "request does not exist");
        }
        return job.finalState() || waitedEnough ? Reply.ok(SimViews.job(job)) : null;
    }

    private Reply dispatchSync(RunPodWorld w, String endpointId, SimRequest request) {
        SimEndpoint e = w.liveEndpoint(endpointId);
        if (e == null) {
            return Reply.error(404, "endpoint " + endpointId + " not found");
        }
        Reply limited = limited(w, e, "runsync");
        return limited != null ? limited : submit(w, e, request, true);
    }

    private static long parseLong(String raw) {
        try {
            return Math.max(0, Long.parseLong(raw));
        } catch (NumberFormatException e) {
            return DEFAULT_SYNC_WAIT_MS;
        }
    }
}
