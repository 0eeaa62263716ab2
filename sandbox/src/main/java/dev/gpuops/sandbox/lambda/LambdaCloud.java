package dev.gpuops.sandbox.lambda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The simulated account: instance types and capacity, SSH keys, instances and their lifecycle. Thread-safe. */
final class LambdaCloud {

    static final Map<String, String> REGIONS = Map.of(
            "us-east-1", "Virginia, USA",
            "us-west-1", "California, USA",
            "us-tx-1", "Austin, Texas",
            "us-south-1", "Texas, USA",
            "europe-central-1", "Germany",
            "asia-northeast-1", "Tokyo, Japan");

    private final Clock clock;
    private final Duration bootDelay;
    private final Duration terminateDelay;
    private final Duration launchInterval;
    private final String newInstanceIp;
    private final Map<String, LambdaInstanceTypeSpec> types = new LinkedHashMap<>();
    private final Map<String, Set<String>> capacity = new LinkedHashMap<>();
    private final Map<String, ObjectNode> sshKeys = new LinkedHashMap<>();
    private final Map<String, SimulatedInstance> instances = new LinkedHashMap<>();
    private final Set<LambdaFault> faults = EnumSet.noneOf(LambdaFault.class);
    private Instant lastLaunch;
    private int launched;

    LambdaCloud(Clock clock, Duration bootDelay, Duration terminateDelay, Duration launchInterval,
                String newInstanceIp) {
        this.clock = clock;
        this.bootDelay = bootDelay;
        this.terminateDelay = terminateDelay;
        this.launchInterval = launchInterval;
        this.newInstanceIp = newInstanceIp;
        LambdaInstanceTypeSpec.defaults().forEach(t -> types.put(t.name(), t));
        capacity.put("gpu_1x_a10", new LinkedHashSet<>(List.of("us-east-1", "us-west-1")));
        capacity.put("gpu_1x_a100", new LinkedHashSet<>(List.of("us-tx-1")));
        capacity.put("gpu_1x_h100_pcie", new LinkedHashSet<>(List.of("us-west-1")));
    }

    synchronized void setCapacity(String type, List<String> regions) {
        if (!types.containsKey(type)) {
            throw new IllegalArgumentException("unknown instance type " + type + "; known: " + types.keySet());
        }
        capacity.put(type, new LinkedHashSet<>(regions));
    }

    synchronized void setFault(LambdaFault fault, boolean on) {
        if (on) {
            faults.add(fault);
        } else {
            faults.remove(fault);
            if (fault == LambdaFault.BOOT_STUCK) {
                unstick();
            }
        }
    }

    synchronized void clearFaults() {
        faults.clear();
        unstick();
    }

    /** Healing boot-stuck lets stuck instances finish booting, so a test can decide when a boot completes. */
    private void unstick() {
        Instant now = clock.instant();
        instances.values().stream().filter(i -> i.stuck).forEach(i -> {
            i.stuck = false;
            i.bootDoneAt = now;
        });
    }

    synchronized ObjectNode instanceTypes() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        types.values().forEach(type -> {
            ObjectNode entry = data.putObject(type.name());
            entry.set("instance_type", SimulatedInstance.typeJson(type));
            ArrayNode regions = entry.putArray("regions_with_capacity_available");
            capacity.getOrDefault(type.name(), Set.of()).forEach(r ->
                    regions.addObject().put("name", r).put("description", REGIONS.get(r)));
        });
        return data;
    }

    synchronized List<String> launch(JsonNode body) {
        LaunchSpec spec = LaunchSpec.parse(body, types.keySet(), REGIONS.keySet());
        spec.sshKeyNames().forEach(name -> {
            if (sshKeys.values().stream().noneMatch(k -> k.path("name").asString().equals(name))) {
                throw LambdaApiError.invalidParameters("SSH key '" + name + "' does not exist.");
            }
        });
        Instant now = clock.instant();
        throttleLaunch(now);
        if (faults.contains(LambdaFault.QUOTA_EXCEEDED)) {
            throw LambdaApiError.quotaExceeded();
        }
        boolean listed = capacity.getOrDefault(spec.type(), Set.of()).contains(spec.region());
        if (!listed || faults.contains(LambdaFault.NO_CAPACITY)) {
            throw LambdaApiError.insufficientCapacity();
        }
        lastLaunch = now;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < spec.quantity(); i++) {
            ids.add(create(spec, now).id);
        }
        return ids;
    }

    private void throttleLaunch(Instant now) {
        if (launchInterval.isZero() || lastLaunch == null) {
            return;
        }
        Duration since = Duration.between(lastLaunch, now);
        if (since.compareTo(launchInterval) < 0) {
            long wait = Math.max(1, (launchInterval.minus(since).toMillis() + 999) / 1000);
            throw LambdaApiError.rateLimited((int) wait);
        }
    }

    private SimulatedInstance create(LaunchSpec spec, Instant now) {
        launched++;
        String id = HexFormat.of().formatHex(randomBytes(16));
        String ip = newInstanceIp != null ? newInstanceIp : "198.51.100." + (10 + launched % 240);
        String privateIp = "10.0." + (launched / 250) + "." + (launched % 250 + 2);
        SimulatedInstance instance = new SimulatedInstance(id, spec.name(), types.get(spec.type()), spec.region(),
                spec.sshKeyNames(), spec.fileSystemNames(), ip, privateIp, HexFormat.of().formatHex(randomBytes(16)));
        instance.bootDoneAt = now.plus(bootDelay);
        instance.stuck = faults.contains(LambdaFault.BOOT_STUCK);
        instance.unhealthyOnBoot = faults.contains(LambdaFault.UNHEALTHY);
        instances.put(id, instance);
        return instance;
    }

    synchronized ArrayNode terminate(JsonNode body) {
        List<SimulatedInstance> targets = resolve(body);
        Instant now = clock.instant();
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (SimulatedInstance instance : targets) {
            if (instance.live()) {
                instance.status = "terminating";
                instance.terminateDoneAt = now.plus(terminateDelay);
                instance.advance(now);
            }
            out.add(render(instance));
        }
        return out;
    }

    synchronized ArrayNode restart(JsonNode body) {
        List<SimulatedInstance> targets = resolve(body);
        Instant now = clock.instant();
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (SimulatedInstance instance : targets) {
            if (!"active".equals(instance.status) && !"unhealthy".equals(instance.status)) {
                throw LambdaApiError.invalidParameters(
                        "Instance " + instance.id + " cannot be restarted while " + instance.status + ".");
            }
            instance.status = "booting";
            instance.unhealthyOnBoot = false;
            instance.bootDoneAt = now.plus(bootDelay);
            instance.advance(now);
            out.add(render(instance));
        }
        return out;
    }

    private List<SimulatedInstance> resolve(JsonNode body) {
        JsonNode ids = body.path("instance_ids");
        if (!ids.isArray() || ids.isEmpty()) {
            throw LambdaApiError.invalidParameters("instance_ids must be a non-empty list of instance IDs.");
        }
        List<SimulatedInstance> found = new ArrayList<>();
        for (JsonNode id : ids) {
            SimulatedInstance instance = instances.get(id.asString());
            if (instance == null) {
                throw LambdaApiError.notFound("instance");
            }
            instance.advance(clock.instant());
            found.add(instance);
        }
        return found;
    }

    synchronized ArrayNode list() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        instances.values().forEach(i -> out.add(render(i)));
        return out;
    }

    synchronized ObjectNode get(String id) {
        SimulatedInstance instance = instances.get(id);
        if (instance == null) {
            throw LambdaApiError.notFound("instance");
        }
        return render(instance);
    }

    private ObjectNode render(SimulatedInstance instance) {
        instance.advance(clock.instant());
        return instance.toJson(REGIONS.get(instance.region));
    }

    synchronized ArrayNode sshKeys() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        sshKeys.values().forEach(k -> out.add(k.deepCopy()));
        return out;
    }

    /** Lambda generates a key pair when no public key is given and returns the private key once. */
    synchronized ObjectNode addSshKey(JsonNode body) {
        String name = body.path("name").asString("");
        if (name.isBlank() || name.length() > 64) {
            throw LambdaApiError.invalidParameters("name must be 1 to 64 characters.");
        }
        if (sshKeys.values().stream().anyMatch(k -> k.path("name").asString().equals(name))) {
            throw LambdaApiError.invalidParameters("SSH key name '" + name + "' is already in use.");
        }
        String publicKey = body.path("public_key").asString("");
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.put("id", HexFormat.of().formatHex(randomBytes(16)));
        key.put("name", name);
        boolean generated = publicKey.isBlank();
        key.put("public_key", generated ? "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + name.hashCode() + " " + name
                : publicKey.strip());
        sshKeys.put(key.get("id").asString(), key);
        ObjectNode response = key.deepCopy();
        if (generated) {
            response.put("private_key", "-----BEGIN OPENSSH PRIVATE KEY-----\nsandbox-generated\n"
                    + "-----END OPENSSH PRIVATE KEY-----\n");
        }
        return response;
    }

    synchronized void deleteSshKey(String id) {
        ObjectNode key = sshKeys.get(id);
        if (key == null) {
            throw LambdaApiError.notFound("SSH key");
        }
        String name = key.path("name").asString();
        boolean inUse = instances.values().stream().peek(i -> i.advance(clock.instant()))
                .anyMatch(i -> i.live() && i.sshKeyNames.contains(name));
        if (inUse) {
            throw new LambdaApiError(400, "ssh-keys/key-in-use", "SSH key is in use by a running instance.",
                    "Terminate the instances using this key, then delete it.");
        }
        sshKeys.remove(id);
    }

    synchronized void addSshKey(String name, String publicKey) {
        addSshKey(JsonNodeFactory.instance.objectNode().put("name", name).put("public_key", publicKey));
    }

    synchronized void setStatus(String id, String status) {
        SimulatedInstance instance = Optional.ofNullable(instances.get(id))
                .orElseThrow(() -> new IllegalArgumentException("no simulated instance " + id));
        instance.advance(clock.instant());
        instance.status = status;
    }

    synchronized Optional<String> status(String id) {
        return Optional.ofNullable(instances.get(id)).map(i -> {
            i.advance(clock.instant());
            return i.status;
        });
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
