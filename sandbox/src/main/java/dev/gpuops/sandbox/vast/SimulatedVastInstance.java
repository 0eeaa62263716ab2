package dev.gpuops.sandbox.vast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** One instance's simulated state. Guarded by the owning {@link VastFleet}'s lock. */
final class SimulatedVastInstance {

    private record Transition(Instant at, String actual, String statusMsg) {
    }

    final long id;
    final long machineId;
    final VastInstanceSeed seed;
    final Instant startDate;
    private final Deque<Transition> pending = new ArrayDeque<>();
    String actual;
    String intended = "running";
    String curState = "running";
    String statusMsg;
    boolean offline;

    SimulatedVastInstance(long id, long machineId, VastInstanceSeed seed, Instant now, Duration provisionDelay,
                          Duration loadDelay) {
        this.id = id;
        this.machineId = machineId;
        this.seed = seed;
        this.startDate = now;
        if (seed.provisioning()) {
            actual = null;
            statusMsg = null;
            pending.add(new Transition(now.plus(provisionDelay), "loading", "Pulling image " + seed.image()));
            pending.add(new Transition(now.plus(provisionDelay).plus(loadDelay), "running",
                    "success, running " + seed.image()));
        } else {
            actual = "running";
            statusMsg = "success, running " + seed.image();
        }
    }

    void advance(Instant now) {
        while (!pending.isEmpty() && !now.isBefore(pending.peekFirst().at())) {
            Transition t = pending.removeFirst();
            actual = t.actual();
            statusMsg = t.statusMsg();
        }
    }

    String actualStatus() {
        return offline ? "offline" : actual;
    }

    void start(Instant now, Duration loadDelay) {
        intended = "running";
        curState = "running";
        if ("running".equals(actual) || "loading".equals(actual) || "rebooting".equals(actual)) {
            return;
        }
        pending.clear();
        actual = "loading";
        statusMsg = "Starting container";
        pending.add(new Transition(now.plus(loadDelay), "running", "success, running " + seed.image()));
    }

    void stop() {
        pending.clear();
        intended = "stopped";
        curState = "stopped";
        actual = "stopped";
        statusMsg = "Instance stopped";
    }

    void reboot(Instant now, Duration rebootDelay) {
        pending.clear();
        actual = "rebooting";
        statusMsg = "Rebooting container";
        pending.add(new Transition(now.plus(rebootDelay), "running", "success, running " + seed.image()));
    }

    void exit() {
        pending.clear();
        actual = "exited";
        statusMsg = "Error: container exited with code 137 (out of memory?)";
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("machine_id", machineId);
        if (actualStatus() == null) {
            node.putNull("actual_status");
        } else {
            node.put("actual_status", actualStatus());
        }
        node.put("intended_status", intended);
        node.put("cur_state", curState);
        node.put("next_state", curState);
        if (statusMsg == null) {
            node.putNull("status_msg");
        } else {
            node.put("status_msg", offline ? "Machine is offline" : statusMsg);
        }
        node.put("label", seed.label());
        node.put("image_uuid", seed.image());
        node.put("gpu_name", seed.gpuName());
        node.put("num_gpus", seed.numGpus());
        node.put("dph_total", seed.dphTotal());
        node.put("public_ipaddr", seed.publicIpaddr());
        node.put("ssh_host", seed.sshHost());
        node.put("ssh_port", seed.sshPort());
        node.put("ssh_idx", seed.sshHost().replaceAll("\\D", ""));
        node.put("start_date", startDate.getEpochSecond() + startDate.getNano() / 1e9);
        node.set("ports", ports());
        ArrayNode env = node.putArray("extra_env");
        seed.extraEnv().forEach((k, v) -> env.addArray().add(k).add(v));
        return node;
    }

    /** Docker-style: published only while the container runs, host ports as strings, IPv4 and IPv6 entries. */
    private ObjectNode ports() {
        ObjectNode ports = JsonNodeFactory.instance.objectNode();
        if (!"running".equals(actualStatus())) {
            return ports;
        }
        seed.ports().forEach((containerPort, hostPort) -> {
            ArrayNode bindings = ports.putArray(containerPort);
            bindings.addObject().put("HostIp", "0.0.0.0").put("HostPort", String.valueOf(hostPort));
            bindings.addObject().put("HostIp", "::").put("HostPort", String.valueOf(hostPort));
        });
        return ports;
    }
}
