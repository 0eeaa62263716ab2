package dev.gpuops.runbook.action.ssh;

import dev.gpuops.runbook.action.Param;

/**
 * The SSH address a step connects to, shared by every ssh/docker/runtime action's params. Embedded with
 * {@link Param.Flatten}, so a runbook still writes {@code host}/{@code port}/{@code user} flat under {@code with:};
 * each part left out falls back to the target's {@code ssh} section (see {@link SshTargets#endpoint}).
 */
public record SshAddress(
        @Param("SSH host; defaults to ssh.host of the target")
        String host,
        @Param(value = "SSH port", defaultValue = "ssh.port of the target, else 22")
        Integer port,
        @Param(value = "SSH user", defaultValue = "ssh.user of the target")
        String user) {

    /** Nothing given: everything comes from the target's {@code ssh} section. */
    public static final SshAddress TARGET = new SshAddress(null, null, null);

    /** A missing address (a params record built in code) means the target's own. */
    public static SshAddress orTarget(SshAddress address) {
        return address == null ? TARGET : address;
    }
}
