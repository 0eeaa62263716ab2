package dev.gpuops.sandbox.ssh;

import java.time.Clock;
import java.util.Set;

/** Everything the simulated shell can reach on the host. */
record HostEnvironment(VirtualFiles files, SimulatedSupervisor supervisor, SimulatedDocker docker, Set<Fault> faults,
                       String restartCommand, String statusCommand, String gpuName, boolean passwordlessSudo,
                       boolean dockerGroup, Clock clock, RuntimeImage runtimeImage) {
}
