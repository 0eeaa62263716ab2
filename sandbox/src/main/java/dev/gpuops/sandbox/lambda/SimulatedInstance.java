package dev.gpuops.sandbox.lambda;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** One instance's simulated state. Guarded by the owning {@link LambdaCloud}'s lock. */
final class SimulatedInstance {

    final String id;
    final String name;
    final LambdaInstanceTypeSpec type;
    final String region;
    final List<String> sshKeyNames;
    final List<String> fileSystemNames;
    final String ip;
    final String privateIp;
    final String hostname;
    final String jupyterToken;
    String status = "booting";
    boolean everActive;
    boolean stuck;
    boolean unhealthyOnBoot;
    Instant bootDoneAt;
    Instant terminateDoneAt;

    SimulatedInstance(String id, String name, LambdaInstanceTypeSpec type, String region, List<String> sshKeyNames,
                      List<String> fileSystemNames, String ip, String privateIp, String jupyterToken) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.region = region;
        this.sshKeyNames = List.copyOf(sshKeyNames);
        this.fileSystemNames = List.copyOf(fileSystemNames);
        this.ip = ip;
        this.privateIp = privateIp;
        this.hostname = privateIp.replace('.', '-') + ".cloud.lambdalabs.com";
        this.jupyterToken = jupyterToken;
    }

    /** Moves the lifecycle forward to {@code now}: booting → active, terminating → terminated. */
    void advance(Instant now) {
        if ("booting".equals(status) && !stuck && bootDoneAt != null && !now.isBefore(bootDoneAt)) {
            status = unhealthyOnBoot ? "unhealthy" : "active";
            everActive = true;
        }
        if ("terminating".equals(status) && terminateDoneAt != null && !now.isBefore(terminateDoneAt)) {
            status = "terminated";
        }
    }

    boolean live() {
        return !"terminating".equals(status) && !"terminated".equals(status) && !"preempted".equals(status);
    }

    /** Lambda omits the addresses until the first boot completes; a restart keeps them. */
    ObjectNode toJson(String regionDescription) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode node = f.objectNode();
        node.put("id", id);
        if (name != null) {
            node.put("name", name);
        }
        if (everActive) {
            node.put("ip", ip);
            node.put("private_ip", privateIp);
            node.put("hostname", hostname);
            node.put("jupyter_token", jupyterToken);
            node.put("jupyter_url", "https://jupyter-" + id + ".lambdaspaces.com/?token=" + jupyterToken);
        }
        node.put("status", status);
        sshKeyNames.forEach(node.putArray("ssh_key_names")::add);
        fileSystemNames.forEach(node.putArray("file_system_names")::add);
        ObjectNode regionNode = node.putObject("region");
        regionNode.put("name", region);
        regionNode.put("description", regionDescription);
        node.set("instance_type", typeJson(type));
        node.put("is_reserved", false);
        return node;
    }

    static ObjectNode typeJson(LambdaInstanceTypeSpec type) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", type.name());
        node.put("description", type.description());
        node.put("gpu_description", type.gpuDescription());
        node.put("price_cents_per_hour", type.priceCentsPerHour());
        ObjectNode specs = node.putObject("specs");
        specs.put("vcpus", type.vcpus());
        specs.put("memory_gib", type.memoryGib());
        specs.put("storage_gib", type.storageGib());
        specs.put("gpus", type.gpus());
        return node;
    }
}
