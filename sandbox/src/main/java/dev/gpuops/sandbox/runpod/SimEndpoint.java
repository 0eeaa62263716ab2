package dev.gpuops.sandbox.runpod;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A serverless endpoint: scaling settings, its workers, its queue and what it has cost so far. */
final class SimEndpoint {

    final String id;
    String name;
    String templateId;
    String gpuIds = "ADA_24";
    List<String> gpuTypeIds = List.of("NVIDIA GeForce RTX 4090");
    int workersMin;
    int workersMax = 1;
    int idleTimeout = 5;
    String scalerType = "QUEUE_DELAY";
    int scalerValue = 4;
    int executionTimeoutMs = 600_000;
    int gpuCount = 1;
    String locations = "";
    String networkVolumeId = "";
    String flashBootType = "OFF";
    int version;

    final List<SimWorker> workers = new ArrayList<>();
    final Deque<SimJob> queue = new ArrayDeque<>();
    final Set<Fault> faults = EnumSet.noneOf(Fault.class);
    long completed;
    long failed;
    long retried;
    double creditBurned;
    /** Set when the endpoint "died" after a dashboard edit: the id of the endpoint that replaced it. */
    String replacedBy;

    SimEndpoint(String id, String name, String templateId) {
        this.id = id;
        this.name = name;
        this.templateId = templateId;
    }

    boolean dead() {
        return faults.contains(Fault.DEAD_ENDPOINT);
    }

    long count(SimWorker.State state) {
        return workers.stream().filter(w -> w.state == state).count();
    }

    long inProgress() {
        return count(SimWorker.State.RUNNING);
    }
}
