package dev.gpuops.provider.vast;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rented Vast instance. Only the names of {@code extra_env} are kept: its values are the user's environment
 * (tokens included) and must not reach a log, evidence or Slack.
 *
 * @param actualStatusText {@code actual_status} as sent (null while provisioning)
 * @param ports            container port ("22/tcp") → first published host port; empty until the container runs
 */
public record VastInstance(long id, VastStatus actualStatus, String actualStatusText, String intendedStatus,
                           String curState, String statusMsg, String label, String publicIpaddr, String sshHost,
                           Integer sshPort, Map<String, Integer> ports, String gpuName, Integer numGpus,
                           Double dphTotal, String image, List<String> extraEnvNames) {

    public VastInstance {
        actualStatus = actualStatus == null ? VastStatus.PROVISIONING : actualStatus;
        ports = ports == null ? Map.of() : Map.copyOf(ports);
        extraEnvNames = extraEnvNames == null ? List.of() : List.copyOf(extraEnvNames);
    }

    /** Vast's relay: always assigned, works without open ports on the host, slower than direct. */
    public Optional<VastSshEndpoint> proxySsh() {
        if (sshHost == null || sshHost.isBlank() || sshPort == null || sshPort <= 0) {
            return Optional.empty();
        }
        return Optional.of(new VastSshEndpoint(sshHost, sshPort, VastSshEndpoint.Route.PROXY));
    }

    /** The machine's own address: only when the host has open ports and the container publishes 22/tcp. */
    public Optional<VastSshEndpoint> directSsh() {
        Integer port = ports.get("22/tcp");
        if (publicIpaddr == null || publicIpaddr.isBlank() || port == null || port <= 0) {
            return Optional.empty();
        }
        return Optional.of(new VastSshEndpoint(publicIpaddr.strip(), port, VastSshEndpoint.Route.DIRECT));
    }

    /** "running (intended running): success, running image" — for checklists and evidence. */
    public String describeStatus() {
        String actual = actualStatusText == null ? "provisioning" : actualStatusText;
        String intended = intendedStatus == null ? "" : " (intended " + intendedStatus + ")";
        String message = statusMsg == null || statusMsg.isBlank() ? "" : ": " + statusMsg.strip();
        return actual + intended + message;
    }
}
