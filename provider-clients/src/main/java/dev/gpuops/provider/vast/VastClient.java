package dev.gpuops.provider.vast;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.RetryPolicy;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Vast.ai API v0, instance operations. Reads and the declarative start/stop ({@code PUT {"state":…}}, which ends in
 * the same state however often it is sent) are retried on 429/502/503/504 with exponential backoff, since Vast
 * sends no {@code Retry-After}; reboot and destroy are sent once.
 */
public final class VastClient {

    static final String PROVIDER = "vast";
    private static final Logger log = LoggerFactory.getLogger(VastClient.class);

    private final VastConfig config;
    private final JsonHttp http;

    public VastClient(VastConfig config) {
        this(config, RetryPolicy.defaults());
    }

    public VastClient(VastConfig config, RetryPolicy retry) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = new JsonHttp(PROVIDER, config.connectTimeout(), config.requestTimeout(), retry,
                new VastErrorMapper());
    }

    public List<VastInstance> listInstances() {
        JsonNode instances = get("/instances/?owner=me").path("instances");
        List<VastInstance> out = new ArrayList<>();
        if (instances.isArray()) {
            instances.forEach(n -> out.add(VastJson.instance(n)));
        } else if (instances.isObject()) {
            out.add(VastJson.instance(instances));
        }
        return out;
    }

    /**
     * The single-instance GET puts an object (not a list) under {@code instances}; both shapes are accepted.
     *
     * @throws ProviderException.NotFound when Vast does not know the id or answers with no instance
     */
    public VastInstance getInstance(long id) {
        JsonNode instances = get("/instances/" + id + "/?owner=me").path("instances");
        Optional<JsonNode> found = switch (instances.getNodeType()) {
            case OBJECT -> Optional.of(instances);
            case ARRAY -> instances.valueStream().filter(n -> n.path("id").asLong(-1) == id).findFirst();
            default -> Optional.empty();
        };
        return found.map(VastJson::instance).orElseThrow(() -> new ProviderException.NotFound(PROVIDER, 200, null,
                "instance " + id + " is not among this account's instances; check vast.instanceId in the targets "
                        + "file (it changes when an instance is recreated)"));
    }

    public void start(long id) {
        changeState(id, "running");
    }

    public void stop(long id) {
        changeState(id, "stopped");
    }

    /** Restarts the container in place, keeping the GPU reservation. Not retried. */
    public void reboot(long id) {
        JsonNode answer = http.sendJson(request("/instances/reboot/" + id + "/")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")), false);
        requireSuccess(answer, "reboot of instance " + id);
        log.info("vast reboot requested for {}", id);
    }

    /** Destroys the instance and its data, irreversibly. Not retried. */
    public void destroy(long id) {
        JsonNode answer = http.sendJson(request("/instances/" + id + "/").DELETE(), false);
        requireSuccess(answer, "destroy of instance " + id);
        log.info("vast destroy requested for {}", id);
    }

    /**
     * The endpoint SSH should use: direct when the container publishes 22/tcp on the machine's public address
     * (one hop, no dependence on Vast's shared relay), otherwise the {@code sshN.vast.ai} proxy, which every
     * instance gets. Both are available from {@link #sshEndpoints(VastInstance)}.
     *
     * @throws ProviderException.Transient when neither is assigned yet (the instance is still provisioning)
     */
    public VastSshEndpoint resolveSsh(VastInstance instance) {
        return sshEndpoints(instance).stream().findFirst().orElseThrow(() -> new ProviderException.Transient(
                PROVIDER, 0, null, "instance " + instance.id() + " has no SSH endpoint yet (actual_status "
                        + instance.describeStatus() + "); wait until it is running", null));
    }

    /** Every usable endpoint, preferred first (direct, then proxy). */
    public List<VastSshEndpoint> sshEndpoints(VastInstance instance) {
        return Stream.of(instance.directSsh(), instance.proxySsh()).flatMap(Optional::stream).toList();
    }

    @Override
    public String toString() {
        return "VastClient[" + config.apiUrl() + "]";
    }

    private void changeState(long id, String state) {
        JsonNode answer = http.sendJson(request("/instances/" + id + "/")
                .header("Content-Type", "application/json")
                .PUT(JsonHttp.jsonBody(Map.of("state", state))), true);
        requireSuccess(answer, "setting instance " + id + " to " + state);
        log.info("vast instance {} asked to be {}", id, state);
    }

    private JsonNode get(String pathAndQuery) {
        return http.sendJson(request(pathAndQuery).GET(), true);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(JsonHttp.join(config.apiUrl(), pathAndQuery))
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Accept", "application/json")
                .header("User-Agent", "gpuops");
    }

    /** Vast sometimes refuses with a 2xx and {@code "success": false}; that is a failure, not a success. */
    private static void requireSuccess(JsonNode answer, String what) {
        if (answer.path("success").isBoolean() && !answer.path("success").asBoolean()) {
            String detail = VastErrorMapper.ErrorBody.parse(answer.toString()).describe(200);
            throw new ProviderException.Permanent(PROVIDER, 200, null, what + " was refused: " + detail);
        }
    }
}
