package dev.gpuops.provider.lambda;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.RetryPolicy;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Lambda Cloud API v1. Reads are retried (bounded, jittered, honouring {@code Retry-After}); launch, terminate and
 * restart are sent once, because a retried launch can start (and bill) a second VM.
 */
public final class LambdaCloudClient {

    static final String PROVIDER = "lambda";
    private static final Logger log = LoggerFactory.getLogger(LambdaCloudClient.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final LambdaConfig config;
    private final JsonHttp http;

    public LambdaCloudClient(LambdaConfig config) {
        this(config, RetryPolicy.defaults());
    }

    public LambdaCloudClient(LambdaConfig config, RetryPolicy retry) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = new JsonHttp(PROVIDER, config.connectTimeout(), config.requestTimeout(), retry,
                new LambdaErrorMapper());
    }

    /** Every instance type with the regions that currently list capacity for it, keyed by type name. */
    public Map<String, LambdaInstanceType> instanceTypes() {
        return LambdaJson.instanceTypes(data(get("/instance-types")));
    }

    /** Launches and returns the new instance ids. Not retried: a retry after a lost answer could double-launch. */
    public List<String> launch(LaunchRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region_name", request.region());
        body.put("instance_type_name", request.instanceType());
        body.put("ssh_key_names", request.sshKeyNames());
        body.put("file_system_names", request.fileSystemNames());
        body.put("quantity", request.quantity());
        if (request.name() != null && !request.name().isBlank()) {
            body.put("name", request.name());
        }
        List<String> ids = LambdaJson.strings(data(post("/instance-operations/launch", body)).path("instance_ids"));
        log.info("lambda launched {} x {} in {}: {}", request.quantity(), request.instanceType(), request.region(),
                ids);
        return ids;
    }

    public List<LambdaInstance> listInstances() {
        return LambdaJson.instances(data(get("/instances")));
    }

    /** @throws ProviderException.NotFound when Lambda does not know the id */
    public LambdaInstance getInstance(String id) {
        return LambdaJson.instance(data(get("/instances/" + checkedId(id))));
    }

    /** Returns the instances as Lambda reports them after the request (usually terminating). */
    public List<LambdaInstance> terminate(List<String> ids) {
        JsonNode data = data(post("/instance-operations/terminate", Map.of("instance_ids", checkedIds(ids))));
        log.info("lambda terminate requested for {}", ids);
        return LambdaJson.instances(data.path("terminated_instances"));
    }

    public List<LambdaInstance> restart(List<String> ids) {
        JsonNode data = data(post("/instance-operations/restart", Map.of("instance_ids", checkedIds(ids))));
        log.info("lambda restart requested for {}", ids);
        return LambdaJson.instances(data.path("restarted_instances"));
    }

    public List<LambdaSshKey> sshKeys() {
        return data(get("/ssh-keys")).valueStream().map(LambdaJson::sshKey).toList();
    }

    /** Registers a public key; with a null public key Lambda generates a pair and returns the private half once. */
    public LambdaSshKey addSshKey(String name, String publicKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Objects.requireNonNull(name, "name"));
        if (publicKey != null && !publicKey.isBlank()) {
            body.put("public_key", publicKey.strip());
        }
        return LambdaJson.sshKey(data(post("/ssh-keys", body)));
    }

    public void deleteSshKey(String id) {
        http.send(request("/ssh-keys/" + checkedId(id)).DELETE(), false);
    }

    @Override
    public String toString() {
        return "LambdaCloudClient[" + config.apiUrl() + "]";
    }

    private JsonNode get(String path) {
        return http.sendJson(request(path).GET(), true);
    }

    private JsonNode post(String path, Object body) {
        return http.sendJson(request(path)
                .header("Content-Type", "application/json")
                .POST(JsonHttp.jsonBody(body)), false);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(JsonHttp.join(config.apiUrl(), path))
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Accept", "application/json")
                .header("User-Agent", "gpuops");
    }

    /** Every success is wrapped in {@code {"data": …}}; anything else means Lambda changed or a proxy answered. */
    private JsonNode data(JsonNode root) {
        JsonNode data = root.path("data");
        if (data.isMissingNode() || data.isNull()) {
            throw new ProviderException.Transient(PROVIDER, 200, null,
                    "answer had no \"data\" field; is the API URL " + config.apiUrl() + " right?", null);
        }
        return data;
    }

    private static String checkedId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a Lambda id: '" + id + "'");
        }
        return id;
    }

    private static List<String> checkedIds(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("no instance ids given");
        }
        ids.forEach(LambdaCloudClient::checkedId);
        return List.copyOf(ids);
    }
}
