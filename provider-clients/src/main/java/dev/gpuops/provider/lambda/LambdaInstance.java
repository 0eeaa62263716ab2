package dev.gpuops.provider.lambda;

import java.util.List;
import java.util.Optional;

/**
 * One Lambda instance as {@code GET /instances} reports it. {@code ip} is null while the VM boots; wait for
 * {@link LambdaInstanceStatus#ACTIVE} and an ip before SSH. Lambda's {@code jupyter_token} is deliberately not kept.
 *
 * @param statusText the status exactly as Lambda sent it, for messages when {@code status} is UNKNOWN
 */
public record LambdaInstance(String id, String name, String ip, String privateIp, LambdaInstanceStatus status,
                             String statusText, List<String> sshKeyNames, String region, String instanceType,
                             String hostname) {

    public LambdaInstance {
        sshKeyNames = sshKeyNames == null ? List.of() : List.copyOf(sshKeyNames);
        status = status == null ? LambdaInstanceStatus.UNKNOWN : status;
    }

    public Optional<String> ipAddress() {
        return Optional.ofNullable(ip).filter(s -> !s.isBlank());
    }

    /** Active and addressable: the only state in which SSH can work. */
    public boolean reachable() {
        return status == LambdaInstanceStatus.ACTIVE && ipAddress().isPresent();
    }

    /** "0920582c (active, 198.51.100.2)" — short enough for a Slack checklist line. */
    public String describe() {
        String shortId = id.length() > 8 ? id.substring(0, 8) + "…" : id;
        return shortId + " (" + statusText + ipAddress().map(a -> ", " + a).orElse("") + ")";
    }
}
