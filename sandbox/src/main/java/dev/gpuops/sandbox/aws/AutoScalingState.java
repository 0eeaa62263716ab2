package dev.gpuops.sandbox.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Auto Scaling groups, their instances and instance refreshes. State moves with the clock: every read first
 * catches up ({@link #advance()}), so a refresh progresses whether or not anyone polls it.
 */
final class AutoScalingState {

    static final String ACCOUNT = "123456789012";

    static final class Group {
        final String name;
        final String arn;
        final Instant created;
        int min;
        int max;
        int desired;
        Instant lastCapacityChange;
        final List<Node> instances = new ArrayList<>();

        Group(String name, Instant created) {
            this.name = name;
            this.created = created;
            this.arn = "arn:aws:autoscaling:us-east-1:" + ACCOUNT + ":autoScalingGroup:" + UUID.randomUUID()
                    + ":autoScalingGroupName/" + name;
        }
    }

    static final class Node {
        final String id = "i-" + HexFormat.of().formatHex(randomBytes()).substring(0, 17);
        final String zone;
        final Instant readyAt;
        Instant goneAt;

        Node(String zone, Instant readyAt) {
            this.zone = zone;
            this.readyAt = readyAt;
        }

        String lifecycle(Instant now) {
            if (goneAt != null) {
                return "Terminating";
            }
            return now.isBefore(readyAt) ? "Pending" : "InService";
        }
    }

    static final class Refresh {
        final String id = UUID.randomUUID().toString();
        final String group;
        final Instant start;
        final int minHealthy;
        final int warmup;
        final List<String> toReplace;
        int replaced;
        String status = "Pending";
        String reason;
        Instant end;
        Instant cancelledAt;
        boolean fails;

        Refresh(String group, Instant start, int minHealthy, int warmup, List<String> toReplace) {
            this.group = group;
            this.start = start;
            this.minHealthy = minHealthy;
            this.warmup = warmup;
            this.toReplace = new ArrayList<>(toReplace);
        }

        int total() {
            return toReplace.size() + replaced;
        }

        int percentage() {
            return total() == 0 ? 100 : replaced * 100 / total();
        }

        boolean active() {
            return status.equals("Pending") || status.equals("InProgress") || status.equals("Cancelling");
        }
    }

    private final Clock clock;
    private final Timing timing;
    private final AwsFaults faults;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<Refresh> refreshes = new ArrayList<>();

    AutoScalingState(Clock clock, Timing timing, AwsFaults faults) {
        this.clock = clock;
        this.timing = timing;
        this.faults = faults;
    }

    Instant now() {
        return clock.instant();
    }

    synchronized Group create(String name, int min, int max, int desired) {
        Group group = new Group(name, now());
        group.min = min;
        group.max = max;
        groups.put(name, group);
        for (int i = 0; i < desired; i++) {
            group.instances.add(new Node(zone(i), now()));
        }
        group.desired = desired;
        return group;
    }

    synchronized List<Group> groups(List<String> names) {
        advance();
        return groups.values().stream().filter(g -> names.isEmpty() || names.contains(g.name)).toList();
    }

    synchronized void setDesired(String name, int desired, boolean honorCooldown) {
        Group group = require(name);
        if (desired > group.max) {
            throw AwsError.validation("New SetDesiredCapacity value " + desired + " is above max value "
                    + group.max + " for the AutoScalingGroup.");
        }
        if (desired < group.min) {
            throw AwsError.validation("New SetDesiredCapacity value " + desired + " is below min value "
                    + group.min + " for the AutoScalingGroup.");
        }
        if (honorCooldown && group.lastCapacityChange != null
                && now().isBefore(group.lastCapacityChange.plus(timing.cooldown()))) {
            throw AwsError.sender("ScalingActivityInProgress", "Scaling activity " + UUID.randomUUID()
                    + " is in progress and blocks this action.");
        }
        resize(group, desired);
    }

    synchronized void update(String name, Integer min, Integer max, Integer desired) {
        Group group = require(name);
        int newMin = min == null ? group.min : min;
        int newMax = max == null ? group.max : max;
        int newDesired = desired == null ? Math.max(newMin, Math.min(newMax, group.desired)) : desired;
        if (newMin > newMax || newDesired < newMin || newDesired > newMax) {
            throw AwsError.validation("Desired capacity:" + newDesired + " must be between the specified min size:"
                    + newMin + " and max size:" + newMax);
        }
        group.min = newMin;
        group.max = newMax;
        resize(group, newDesired);
    }

    /** Whether a fault is active for a group (the query side renders what it changes). */
    boolean faulted(AwsFault fault, String group) {
        return faults.activeFor(fault, group);
    }

    synchronized Refresh startRefresh(String name, int minHealthy, int warmup) {
        Group group = require(name);
        if (refreshes.stream().anyMatch(r -> r.group.equals(name) && r.active())) {
            throw AwsError.sender("InstanceRefreshInProgress",
                    "An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.");
        }
        List<String> current = group.instances.stream().filter(n -> n.goneAt == null).map(n -> n.id).toList();
        Refresh refresh = new Refresh(name, now(), minHealthy, warmup, current);
        refresh.fails = faults.activeFor(AwsFault.REFRESH_FAILS, name);
        refreshes.add(0, refresh);
        return refresh;
    }

    synchronized List<Refresh> refreshes(String name, List<String> ids) {
        require(name);
        advance();
        return refreshes.stream().filter(r -> r.group.equals(name) && (ids.isEmpty() || ids.contains(r.id))).toList();
    }

    synchronized Refresh cancelRefresh(String name) {
        require(name);
        advance();
        Refresh active = refreshes.stream().filter(r -> r.group.equals(name) && r.active()).findFirst()
                .orElseThrow(() -> AwsError.sender("ActiveInstanceRefreshNotFound",
                        "No in progress or pending Instance Refresh found for Auto Scaling group " + name));
        active.status = "Cancelling";
        active.cancelledAt = now();
        return active;
    }

    synchronized Optional<Group> find(String name) {
        advance();
        return Optional.ofNullable(groups.get(name));
    }

    /** Catches every group and refresh up with the clock. */
    synchronized void advance() {
        Instant now = now();
        for (Group group : groups.values()) {
            group.instances.removeIf(n -> n.goneAt != null && !now.isBefore(n.goneAt));
        }
        for (Refresh refresh : refreshes) {
            progress(refresh, now);
        }
    }

    private void progress(Refresh r, Instant now) {
        if (!r.active()) {
            return;
        }
        long steps = Duration.between(r.start, now).toMillis() / timing.refreshStep().toMillis();
        if (r.cancelledAt != null) {
            if (!now.isBefore(r.cancelledAt.plus(timing.refreshStep()))) {
                finish(r, "Cancelled", "Instance refresh was cancelled by the user.", now);
            }
            return;
        }
        r.fails |= faults.activeFor(AwsFault.REFRESH_FAILS, r.group);
        if (steps >= 1) {
            r.status = "InProgress";
        }
        while (r.active() && r.replaced < steps - 1 && !r.toReplace.isEmpty()) {
            if (r.fails && (r.replaced >= 1 || r.total() == 1)) {
                finish(r, "Failed", "Instance refresh failed: replacement instance did not pass health checks"
                        + " within the " + r.warmup + "s warm-up (EC2 status check failed); check the launch"
                        + " template's AMI and user data.", now);
                return;
            }
            replaceOne(r, now);
        }
        if (r.active() && r.toReplace.isEmpty() && steps >= r.replaced + 1) {
            finish(r, "Successful", null, now);
        }
    }

    private void replaceOne(Refresh r, Instant now) {
        Group group = groups.get(r.group);
        String oldId = r.toReplace.remove(0);
        group.instances.removeIf(n -> n.id.equals(oldId));
        group.instances.add(new Node(zone(group.instances.size()), now));
        r.replaced++;
    }

    private static void finish(Refresh r, String status, String reason, Instant now) {
        r.status = status;
        r.reason = reason;
        r.end = now;
    }

    private void resize(Group group, int desired) {
        List<Node> alive = group.instances.stream().filter(n -> n.goneAt == null).toList();
        for (int i = alive.size(); i < desired; i++) {
            group.instances.add(new Node(zone(i), now().plus(timing.instanceLaunch())));
        }
        for (int i = alive.size() - 1; i >= desired; i--) {
            alive.get(i).goneAt = now().plus(timing.instanceTermination());
        }
        if (group.desired != desired) {
            group.lastCapacityChange = now();
        }
        group.desired = desired;
        advance();
    }

    private Group require(String name) {
        advance();
        Group group = groups.get(name);
        if (group == null) {
            throw AwsError.validation("AutoScalingGroup name not found - AutoScalingGroup " + name + " not found");
        }
        return group;
    }

    private static String zone(int index) {
        return "us-east-1" + (char) ('a' + index % 3);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[9];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
