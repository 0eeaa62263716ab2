package dev.gpuops.provider.runpod;

import java.time.Duration;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Optional {@code policy} of a /run request; null fields are left out so RunPod's defaults apply.
 *
 * @param executionTimeout how long the job may run (RunPod default 10 minutes)
 * @param ttl              how long the job may live in total, queue time included
 * @param lowPriority      low-priority jobs never trigger a scale-up
 */
public record JobPolicy(Duration executionTimeout, Duration ttl, Boolean lowPriority) {

    public static JobPolicy executionTimeout(Duration timeout) {
        return new JobPolicy(timeout, null, null);
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (executionTimeout != null) {
            n.put("executionTimeout", executionTimeout.toMillis());
        }
        if (ttl != null) {
            n.put("ttl", ttl.toMillis());
        }
        if (lowPriority != null) {
            n.put("lowPriority", lowPriority);
        }
        return n;
    }
}
