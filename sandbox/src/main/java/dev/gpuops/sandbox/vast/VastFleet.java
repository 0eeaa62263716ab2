package dev.gpuops.sandbox.vast;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The simulated account's rented instances and their lifecycle. Thread-safe. */
final class VastFleet {

    private final Clock clock;
    private final Duration provisionDelay;
    private final Duration loadDelay;
    private final Duration rebootDelay;
    private final Map<Long, SimulatedVastInstance> instances = new LinkedHashMap<>();
    private long nextId = 12_000_001L;

    VastFleet(Clock clock, Duration provisionDelay, Duration loadDelay, Duration rebootDelay) {
        this.clock = clock;
        this.provisionDelay = provisionDelay;
        this.loadDelay = loadDelay;
        this.rebootDelay = rebootDelay;
    }

    synchronized long add(VastInstanceSeed seed) {
        long id = nextId++;
        instances.put(id, new SimulatedVastInstance(id, 40_000 + id % 1000, seed, clock.instant(), provisionDelay,
                loadDelay));
        return id;
    }

    synchronized ObjectNode list() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        instances.values().forEach(i -> array.add(render(i)));
        body.put("instances_found", array.size());
        body.set("instances", array);
        return body;
    }

    /** The single-instance answer puts an object, not a list, under the same {@code instances} key. */
    synchronized ObjectNode get(long id) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("instances", render(find(id)));
        return body;
    }

    /** {@code PUT /instances/{id}/}: a start on an offline machine is refused with 200 and success false. */
    synchronized ObjectNode changeState(long id, JsonNode body) {
        SimulatedVastInstance instance = find(id);
        String state = body.path("state").asString("");
        switch (state) {
            case "running" -> {
                if (instance.offline) {
                    return failure("Machine " + instance.machineId + " is offline; the instance cannot start.");
                }
                instance.start(clock.instant(), loadDelay);
            }
            case "stopped" -> instance.stop();
            default -> throw VastApiError.invalidArgs("state must be 'running' or 'stopped', not '" + state + "'");
        }
        return success(null);
    }

    synchronized ObjectNode reboot(long id) {
        SimulatedVastInstance instance = find(id);
        if (instance.offline) {
            throw VastApiError.invalidArgsMessage("Machine " + instance.machineId + " is offline; cannot reboot.");
        }
        if ("stopped".equals(instance.intended)) {
            throw VastApiError.invalidArgsMessage("Instance " + id + " is stopped; start it instead of rebooting.");
        }
        instance.reboot(clock.instant(), rebootDelay);
        return success(null);
    }

    synchronized ObjectNode destroy(long id) {
        find(id);
        instances.remove(id);
        return success("Instance " + id + " destroyed.");
    }

    synchronized void fault(long id, VastFault fault, boolean on) {
        SimulatedVastInstance instance = find(id);
        switch (fault) {
            case OFFLINE -> instance.offline = on;
            case EXITED -> {
                if (on) {
                    instance.exit();
                }
            }
            default -> throw new IllegalArgumentException(fault.key() + " is not a per-instance fault");
        }
    }

    synchronized void healAll() {
        instances.values().forEach(i -> i.offline = false);
    }

    synchronized Optional<String> actualStatus(long id) {
        return Optional.ofNullable(instances.get(id)).map(i -> {
            i.advance(clock.instant());
            return i.actualStatus();
        });
    }

    private SimulatedVastInstance find(long id) {
        SimulatedVastInstance instance = instances.get(id);
        if (instance == null) {
            throw VastApiError.noSuchInstance(id);
        }
        instance.advance(clock.instant());
        return instance;
    }

    private ObjectNode render(SimulatedVastInstance instance) {
        instance.advance(clock.instant());
        return instance.toJson();
    }

    private static ObjectNode success(String msg) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("success", true);
        return msg == null ? node : node.put("msg", msg);
    }

    private static ObjectNode failure(String msg) {
        return JsonNodeFactory.instance.objectNode().put("success", false).put("msg", msg);
    }
}
