package dev.gpuops.sandbox.aws;

import dev.gpuops.sandbox.support.FaultNames;

/** Failures {@link SandboxAws} can reproduce on demand, by the names runbooks and tests use. */
public enum AwsFault {
    /** Instance refreshes end Failed with a StatusReason after replacing one instance. */
    REFRESH_FAILS("refresh-fails"),
    /** Every call answers the service's throttling error. */
    THROTTLE("throttle"),
    /** Instances are InService/Healthy, but the worker's registration check shows it never registered. */
    WORKERS_NOT_REGISTERING("workers-not-registering"),
    /** The group's first instance fails its EC2 health check: DescribeAutoScalingGroups reports it Unhealthy. */
    INSTANCE_UNHEALTHY("instance-unhealthy"),
    /** The fleet secret parameter holds the placeholder {@code CHANGE_ME}. */
    PLACEHOLDER_SECRET("placeholder-secret"),
    /** Every call is refused for missing IAM permissions. */
    ACCESS_DENIED("access-denied"),
    /** Every call is refused because the session token expired. */
    EXPIRED_TOKEN("expired-token");

    private final String key;

    AwsFault(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static AwsFault parse(String key) {
        return FaultNames.parse(AwsFault.class, AwsFault::key, "AWS", key);
    }
}
