package dev.gpuops.sandbox;

import java.util.Locale;
import java.util.Set;

/**
 * Routes a fault named for a demo target to the simulator that plays it: an SSH host, Lambda, Vast, RunPod or AWS.
 * image-server and huihuang are two simulators each (the cloud API and the machine), so the fault name decides.
 */
final class FleetFaults {

    static final String TARGETS = "box-1, image-server, sophia, huihuang, comfy-fleet";
    private static final Set<String> LAMBDA_FAULTS = Set.of("no-capacity", "quota-exceeded", "boot-stuck",
            "unhealthy", "rate-limit");
    private static final Set<String> VAST_FAULTS = Set.of("offline", "exited");

    private final SandboxFleet fleet;
    private final String runPodEndpoint;
    private final long vastInstance;

    FleetFaults(SandboxFleet fleet, String runPodEndpoint, long vastInstance) {
        this.fleet = fleet;
        this.runPodEndpoint = runPodEndpoint;
        this.vastInstance = vastInstance;
    }

    String fail(String target, String fault) {
        String f = fault.toLowerCase(Locale.ROOT);
        switch (target) {
            case "sophia" -> fleet.runPod().fail(runPodEndpoint, f);
            case "comfy-fleet" -> fleet.aws().fail(f);
            case "image-server" -> {
                if (LAMBDA_FAULTS.contains(f)) {
                    fleet.lambda().fail(f);
                } else {
                    fleet.host(target).fail(f);
                }
            }
            case "huihuang" -> {
                if (VAST_FAULTS.contains(f)) {
                    fleet.vast().fail(vastInstance, f);
                } else {
                    fleet.host(target).fail(f);
                }
            }
            case "box-1" -> fleet.host(target).fail(f);
            default -> throw unknown(target);
        }
        return "injected " + f + " into " + target;
    }

    String heal(String target) {
        switch (target) {
            case "sophia" -> fleet.runPod().heal(runPodEndpoint);
            case "comfy-fleet" -> fleet.aws().heal();
            case "image-server" -> {
                fleet.lambda().heal();
                fleet.host(target).heal();
            }
            case "huihuang" -> {
                fleet.vast().heal(vastInstance);
                fleet.host(target).heal();
            }
            case "box-1" -> fleet.host(target).heal();
            default -> throw unknown(target);
        }
        return "healed " + target;
    }

    private static IllegalArgumentException unknown(String target) {
        return new IllegalArgumentException("no sandbox target '" + target + "'; sandbox targets: " + TARGETS);
    }
}
