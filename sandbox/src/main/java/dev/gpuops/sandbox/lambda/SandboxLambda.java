package dev.gpuops.sandbox.lambda;

import dev.gpuops.sandbox.support.FaultBudget;
import dev.gpuops.sandbox.support.BearerRestSimulator;
import dev.gpuops.sandbox.support.LoopbackHttpServer;
import dev.gpuops.sandbox.support.RecordedExchange;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lambda Cloud API v1 on 127.0.0.1: the documented paths under {@code /api/v1}, Bearer auth, the
 * {@code {"data":…}} / {@code {"error":{code,message,suggestion}}} envelopes, instance lifecycle
 * (booting → active, terminating → terminated) driven by an injectable clock, SSH-key CRUD, capacity by region,
 * an optional launch rate limit, and named faults ({@link LambdaFault}).
 *
 * <p>{@link #baseUrl()} already ends in {@code /api/v1}, so it is what a client's API URL is set to.
 */
public final class SandboxLambda extends BearerRestSimulator {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String PREFIX = "/api/v1";

    private final LambdaCloud cloud;
    private final int retryAfterSeconds;
    private final FaultBudget<LambdaFault> requestFaults = new FaultBudget<>();

    private SandboxLambda(Builder b) {
        super(PREFIX, b);
        this.retryAfterSeconds = b.retryAfterSeconds;
        this.cloud = new LambdaCloud(b.clock(), b.bootDelay, b.terminateDelay, b.launchInterval, b.newInstanceIp);
        listen("Lambda");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A simulator with defaults: instant boot would hide waiting bugs, so boot takes 2 s of the given clock. */
    public static SandboxLambda start() {
        return builder().start();
    }

    /** Turns a fault on until {@link #heal()}. */
    public void fail(String fault) {
        LambdaFault parsed = LambdaFault.parse(fault);
        switch (parsed) {
            case RATE_LIMIT, SERVER_ERROR, SLOW -> requestFaults.set(parsed, Integer.MAX_VALUE);
            default -> cloud.setFault(parsed, true);
        }
    }

    /** Answers the next {@code times} requests with a request-level fault (rate-limit, server-error, slow). */
    public void failNext(String fault, int times) {
        LambdaFault parsed = LambdaFault.parse(fault);
        if (parsed != LambdaFault.RATE_LIMIT && parsed != LambdaFault.SERVER_ERROR && parsed != LambdaFault.SLOW) {
            throw new IllegalArgumentException(fault + " is not a per-request fault; use fail(\"" + fault + "\")");
        }
        requestFaults.set(parsed, times);
    }

    public void heal() {
        requestFaults.clear();
        cloud.clearFaults();
    }

    public void heal(String fault) {
        LambdaFault parsed = LambdaFault.parse(fault);
        requestFaults.clear(parsed);
        cloud.setFault(parsed, false);
    }

    /** Lists {@code type} as available in exactly these regions (an empty list means sold out everywhere). */
    public void setCapacity(String instanceType, String... regions) {
        cloud.setCapacity(instanceType, List.of(regions));
    }

    public void addSshKey(String name, String publicKey) {
        cloud.addSshKey(name, publicKey);
    }

    /** Lambda reclaims the instance (spot-style preemption). */
    public void preempt(String instanceId) {
        cloud.setStatus(instanceId, "preempted");
    }

    public void markUnhealthy(String instanceId) {
        cloud.setStatus(instanceId, "unhealthy");
    }

    public Optional<String> status(String instanceId) {
        return cloud.status(instanceId);
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = LoopbackHttpServer.requestBody(exchange);
        boolean authorized = bearerAccepted(exchange);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        int status = 200;
        String response;
        try {
            if (!authorized) {
                throw LambdaApiError.invalidKey();
            }
            applyRequestFaults();
            ObjectNode envelope = JsonNodeFactory.instance.objectNode();
            envelope.set("data", route(method, path, body));
            response = JSON.writeValueAsString(envelope);
        } catch (LambdaApiError e) {
            status = e.status();
            response = e.toJson();
            if (e.retryAfterSeconds() != null) {
                headers.put("Retry-After", String.valueOf(e.retryAfterSeconds()));
            }
        }
        record(RecordedExchange.http(method, path, query, body, authorized, status, response, headers));
        LoopbackHttpServer.reply(exchange, status, headers, response);
    }

    private void applyRequestFaults() {
        if (requestFaults.take(LambdaFault.SLOW)) {
            pauseSlowly();
        }
        if (requestFaults.take(LambdaFault.RATE_LIMIT)) {
            throw LambdaApiError.rateLimited(retryAfterSeconds);
        }
        if (requestFaults.take(LambdaFault.SERVER_ERROR)) {
            throw LambdaApiError.serverError();
        }
    }


    private JsonNode route(String method, String path, String body) {
        if (!path.startsWith(PREFIX + "/")) {
            throw LambdaApiError.notFound("resource");
        }
        List<String> parts = new ArrayList<>(List.of(path.substring(PREFIX.length() + 1).split("/")));
        String op = method + " " + parts.getFirst() + (parts.size() > 1 ? "/" + (parts.size() > 2 ? "…" : "*") : "");
        return switch (op) {
            case "GET instance-types" -> cloud.instanceTypes();
            case "POST instance-operations/*" -> operation(parts.get(1), parse(body));
            case "GET instances" -> cloud.list();
            case "GET instances/*" -> cloud.get(parts.get(1));
            case "GET ssh-keys" -> cloud.sshKeys();
            case "POST ssh-keys" -> cloud.addSshKey(parse(body));
            case "DELETE ssh-keys/*" -> {
                cloud.deleteSshKey(parts.get(1));
                yield JsonNodeFactory.instance.objectNode();
            }
            default -> throw LambdaApiError.notFound("resource");
        };
    }

    private JsonNode operation(String name, JsonNode body) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        switch (name) {
            case "launch" -> cloud.launch(body).forEach(data.putArray("instance_ids")::add);
            case "terminate" -> data.set("terminated_instances", cloud.terminate(body));
            case "restart" -> data.set("restarted_instances", cloud.restart(body));
            default -> throw LambdaApiError.notFound("resource");
        }
        return data;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw LambdaApiError.invalidParameters("Request body must be a JSON object.");
            }
            return node;
        } catch (RuntimeException e) {
            if (e instanceof LambdaApiError error) {
                throw error;
            }
            throw LambdaApiError.invalidParameters("Request body is not valid JSON.");
        }
    }

    /** Options; durations are in the given clock's time, so a demo can scale them down. */
    public static final class Builder extends BearerRestSimulator.Options<Builder> {
        private Duration bootDelay = Duration.ofSeconds(2);
        private Duration terminateDelay = Duration.ofSeconds(1);
        private Duration launchInterval = Duration.ZERO;
        private String newInstanceIp;
        private int retryAfterSeconds = 1;

        private Builder() {
            super("sandbox-lambda-key");
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder bootDelay(Duration d) {
            this.bootDelay = d;
            return this;
        }

        public Builder terminateDelay(Duration d) {
            this.terminateDelay = d;
            return this;
        }

        /** Lambda allows one launch per 12 s; zero (the default) turns the limit off. */
        public Builder launchInterval(Duration d) {
            this.launchInterval = d;
            return this;
        }

        /** The public IP every new instance gets, e.g. 127.0.0.1 to reach a sandbox SSH host; default TEST-NET-2. */
        public Builder newInstanceIp(String ip) {
            this.newInstanceIp = ip;
            return this;
        }

        public Builder retryAfterSeconds(int seconds) {
            this.retryAfterSeconds = seconds;
            return this;
        }

        public SandboxLambda start() {
            return new SandboxLambda(this);
        }
    }
}
