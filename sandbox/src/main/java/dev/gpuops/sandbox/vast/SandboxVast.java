package dev.gpuops.sandbox.vast;

import dev.gpuops.sandbox.support.FaultBudget;
import dev.gpuops.sandbox.support.BearerRestSimulator;
import dev.gpuops.sandbox.support.LoopbackHttpServer;
import dev.gpuops.sandbox.support.RecordedExchange;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vast.ai API v0 instance endpoints on 127.0.0.1, spelled as documented (trailing slashes, {@code ?owner=me}),
 * with Bearer or {@code ?api_key=} auth, instance states driven by an injectable clock (null → loading → running,
 * stopped, exited, rebooting → running) and named faults ({@link VastFault}). Rate limiting answers like Vast:
 * 429 with a plain-text body and no {@code Retry-After}.
 *
 * <p>{@link #baseUrl()} already ends in {@code /api/v0}, so it is what a client's API URL is set to.
 */
public final class SandboxVast extends BearerRestSimulator {

    static final String RATE_LIMIT_BODY = "API requests too frequent";
    private static final String BAD_GATEWAY_BODY = "<html><head><title>502 Bad Gateway</title></head><body>"
            + "<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String PREFIX = "/api/v0";
    private static final Pattern INSTANCE = Pattern.compile(PREFIX + "/instances/(\\d+)/");
    private static final Pattern REBOOT = Pattern.compile(PREFIX + "/instances/reboot/(\\d+)/");

    private final VastFleet fleet;
    private final FaultBudget<VastFault> requestFaults = new FaultBudget<>();

    private SandboxVast(Builder b) {
        super(PREFIX, b);
        this.fleet = new VastFleet(b.clock(), b.provisionDelay, b.loadDelay, b.rebootDelay);
        listen("Vast");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SandboxVast start() {
        return builder().start();
    }

    /** Rents a simulated instance and returns its id. */
    public long addInstance(VastInstanceSeed seed) {
        return fleet.add(seed);
    }

    /** Turns on a per-instance fault ({@code offline}, {@code exited}). */
    public void fail(long instanceId, String fault) {
        VastFault parsed = VastFault.parse(fault);
        if (!parsed.perInstance()) {
            throw new IllegalArgumentException(fault + " applies to every request; use fail(\"" + fault + "\")");
        }
        fleet.fault(instanceId, parsed, true);
    }

    /** Brings the machine back online; an exited container stays exited until started or rebooted, as on Vast. */
    public void heal(long instanceId) {
        fleet.fault(instanceId, VastFault.OFFLINE, false);
    }

    /** Turns on a request-level fault ({@code rate-limit}, {@code bad-gateway}, {@code slow}) until healed. */
    public void fail(String fault) {
        failNext(fault, Integer.MAX_VALUE);
    }

    public void failNext(String fault, int times) {
        VastFault parsed = VastFault.parse(fault);
        if (parsed.perInstance()) {
            throw new IllegalArgumentException(fault + " is per instance; use fail(instanceId, \"" + fault + "\")");
        }
        requestFaults.set(parsed, times);
    }

    public void heal() {
        requestFaults.clear();
        fleet.healAll();
    }

    public Optional<String> actualStatus(long instanceId) {
        return fleet.actualStatus(instanceId);
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = params(query);
        String body = LoopbackHttpServer.requestBody(exchange);
        boolean authorized = bearerAccepted(exchange) || apiKey().equals(params.get("api_key"));
        String recordedQuery = query == null ? null : query.replaceAll("api_key=[^&]*", "api_key=[REDACTED]");
        Answer answer = answer(method, path, params, body, authorized);
        record(RecordedExchange.http(method, path, recordedQuery, body, authorized, answer.status(),
                answer.body(), Map.of("Content-Type", answer.contentType())));
        LoopbackHttpServer.reply(exchange, answer.status(), Map.of("Content-Type", answer.contentType()),
                answer.body());
    }

    private record Answer(int status, String contentType, String body) {
    }

    private Answer answer(String method, String path, Map<String, String> params, String body, boolean authorized) {
        if (requestFaults.take(VastFault.SLOW)) {
            pauseSlowly();
        }
        if (requestFaults.take(VastFault.RATE_LIMIT)) {
            return new Answer(429, "text/plain; charset=utf-8", RATE_LIMIT_BODY);
        }
        if (requestFaults.take(VastFault.BAD_GATEWAY)) {
            return new Answer(502, "text/html", BAD_GATEWAY_BODY);
        }
        try {
            if (!authorized) {
                throw VastApiError.invalidKey();
            }
            return new Answer(200, "application/json", JSON.writeValueAsString(route(method, path, params, body)));
        } catch (VastApiError e) {
            ObjectNode error = JsonNodeFactory.instance.objectNode().put("success", false);
            error.put("error", e.error());
            error.put(e.messageField(), e.getMessage());
            return new Answer(e.status(), "application/json", JSON.writeValueAsString(error));
        }
    }

    /** Only the documented spellings are known: a path without its trailing slash is a 404 here. */
    private JsonNode route(String method, String path, Map<String, String> params, String body) {
        Matcher reboot = REBOOT.matcher(path);
        if (reboot.matches() && method.equals("PUT")) {
            return fleet.reboot(Long.parseLong(reboot.group(1)));
        }
        if (path.equals(PREFIX + "/instances/") && method.equals("GET")) {
            requireOwnerMe(params);
            return fleet.list();
        }
        Matcher one = INSTANCE.matcher(path);
        if (one.matches()) {
            long id = Long.parseLong(one.group(1));
            switch (method) {
                case "GET" -> {
                    requireOwnerMe(params);
                    return fleet.get(id);
                }
                case "PUT" -> {
                    return fleet.changeState(id, parse(body));
                }
                case "DELETE" -> {
                    return fleet.destroy(id);
                }
                default -> {
                }
            }
        }
        throw new VastApiError(404, "not_found", "No such endpoint: " + method + " " + path, "msg");
    }

    private static void requireOwnerMe(Map<String, String> params) {
        if (!"me".equals(params.get("owner"))) {
            throw VastApiError.invalidArgs("owner=me is required to list your own instances");
        }
    }


    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode();
        } catch (RuntimeException e) {
            throw VastApiError.invalidArgs("request body is not valid JSON");
        }
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    /** Options; durations are in the given clock's time, so a demo can scale them down. */
    public static final class Builder extends BearerRestSimulator.Options<Builder> {
        private Duration provisionDelay = Duration.ofSeconds(1);
        private Duration loadDelay = Duration.ofSeconds(2);
        private Duration rebootDelay = Duration.ofSeconds(2);

        private Builder() {
            super("sandbox-vast-key");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** How long {@code actual_status} stays null for a seed marked provisioning. */
        public Builder provisionDelay(Duration d) {
            this.provisionDelay = d;
            return this;
        }

        public Builder loadDelay(Duration d) {
            this.loadDelay = d;
            return this;
        }

        public Builder rebootDelay(Duration d) {
            this.rebootDelay = d;
            return this;
        }

        public SandboxVast start() {
            return new SandboxVast(this);
        }
    }
}
