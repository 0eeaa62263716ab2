package dev.gpuops.sandbox.aws;

import com.sun.net.httpserver.HttpExchange;
import dev.gpuops.sandbox.support.LoopbackHttpServer;
import dev.gpuops.sandbox.support.RecordedExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A local AWS for the GPU fleet: Auto Scaling (Query protocol, XML) and SSM (JSON 1.1) on one port, told apart the
 * way AWS endpoints would be: JSON requests carry {@code X-Amz-Target}, Query requests are form posts. Point the real
 * SDK at {@link #baseUrl()} with any credentials (signatures are not checked).
 *
 * <p>Faults by name ({@link AwsFault}): {@code refresh-fails}, {@code throttle}, {@code workers-not-registering},
 * {@code placeholder-secret}, {@code access-denied}, {@code expired-token}.
 */
public final class SandboxAws implements AutoCloseable {

    private final LoopbackHttpServer server;
    private final AwsFaults faults = new AwsFaults();
    private final AutoScalingState autoScaling;
    private final SsmParameters parameters;
    private final SsmCommands commands;
    private final AutoScalingQuery query;
    private final SsmJson ssm;
    private final List<RecordedExchange> exchanges = new CopyOnWriteArrayList<>();

    private SandboxAws(Clock clock, Timing timing) throws IOException {
        this.autoScaling = new AutoScalingState(clock, timing, faults);
        this.parameters = new SsmParameters(clock);
        this.commands = new SsmCommands(clock, this::groupOf, faults);
        this.query = new AutoScalingQuery(autoScaling);
        this.ssm = new SsmJson(parameters, commands);
        this.server = LoopbackHttpServer.start(this::handle);
    }

    /** Wall-clock time with {@link Timing#demo()} durations. */
    public static SandboxAws start() {
        return start(Clock.systemUTC(), Timing.demo());
    }

    public static SandboxAws start(Clock clock, Timing timing) {
        try {
            return new SandboxAws(clock, timing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the AWS sandbox", e);
        }
    }

    public URI baseUrl() {
        return URI.create(server.baseUrl());
    }

    // ---- seeding ----

    /** Creates a group whose {@code desired} instances are already InService. */
    public SandboxAws group(String name, int min, int max, int desired) {
        autoScaling.create(name, min, max, desired);
        return this;
    }

    public SandboxAws parameter(String name, String type, String value) {
        parameters.put(name, value, type, true);
        return this;
    }

    /** Scripts matching {@code regex} (searched, not anchored) produce this output; newest rule wins. */
    public SandboxAws onCommand(String regex, int exitCode, String stdout, String stderr) {
        commands.rule(new SsmCommands.Rule(Pattern.compile(regex), exitCode, stdout, stderr));
        return this;
    }

    /**
     * Seed 004's fleet for one stage: {@code asg-<stage>-<fleet>} (0..4, 2 running) and its SSM parameters
     * (fleet secret, models bucket, active bundle, AMI pointer).
     */
    public SandboxAws seedFleet(String stage, String fleet) {
        group("asg-" + stage + "-" + fleet, 0, 4, 2);
        parameter("/bp/" + stage + "/fleet-secret", "String", randomHex(32));
        parameter("/bp/" + stage + "/models/bucket", "String", "bp-models-" + AutoScalingState.ACCOUNT + "-" + stage);
        parameter("/bp/" + stage + "/fleets/" + fleet + "/active_bundle", "String", "bundles/b-0001");
        parameter("/bp/ami/fleets/" + stage + "/" + fleet, "String", "ami-0" + randomHex(8).substring(0, 16));
        return this;
    }

    // ---- faults ----

    public void fail(String fault) {
        fail(AwsFaults.ANY, fault, 0);
    }

    /** {@code target}: a group name, parameter name or operation name, depending on the fault; {@code *} for all. */
    public void fail(String target, String fault) {
        fail(target, fault, 0);
    }

    /** Like {@link #fail(String, String)} but heals itself after {@code times} requests hit it (0: never). */
    public void fail(String target, String fault, int times) {
        AwsFault parsed = AwsFault.parse(fault);
        faults.fail(target, parsed, times);
        if (parsed == AwsFault.PLACEHOLDER_SECRET) {
            secretNames(target).forEach(parameters::placeholder);
        }
    }

    /** Clears every fault and puts back secrets the placeholder fault replaced. */
    public void heal() {
        faults.heal(null);
        secretNames(AwsFaults.ANY).forEach(parameters::restore);
    }

    public void heal(String target) {
        faults.heal(target);
        secretNames(target).forEach(parameters::restore);
    }

    // ---- inspection ----

    public List<RecordedExchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public Optional<String> parameterValue(String name) {
        return parameters.value(name);
    }

    public int desiredCapacity(String group) {
        return autoScaling.find(group).orElseThrow().desired;
    }

    /** Lifecycle state per instance id, e.g. {@code i-0abc… → InService}. */
    public java.util.Map<String, String> instances(String group) {
        AutoScalingState.Group g = autoScaling.find(group).orElseThrow();
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        synchronized (autoScaling) {
            g.instances.forEach(n -> out.put(n.id, n.lifecycle(autoScaling.now())));
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- wire ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            AwsWire.Reply reply;
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply = AwsWire.queryError(new AwsError(405, "MethodNotAllowed",
                        "Only POST is supported", true), requestId, "?");
            } else if (target != null) {
                reply = AwsWire.json(ssm, faults, target, body, requestId);
            } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
                reply = AwsWire.query(query, faults, body, requestId);
            } else {
                reply = AwsWire.queryError(AwsError.sender("MissingAction", "Could not find operation to perform"
                        + " (no X-Amz-Target header and not a form post)"), requestId, "?");
            }
            exchanges.add(new RecordedExchange(reply.protocol(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    reply.operation(), null, true, java.util.Map.of("Content-Type", contentType),
                    new String(body, java.nio.charset.StandardCharsets.UTF_8), reply.status(),
                    java.util.Map.of("Content-Type", reply.contentType()), reply.body()));
            AwsWire.send(exchange, reply, requestId);
        }
    }

    private Optional<String> groupOf(String instanceId) {
        return autoScaling.groups(List.of()).stream()
                .filter(g -> g.instances.stream().anyMatch(n -> n.id.equals(instanceId) && n.goneAt == null))
                .map(g -> g.name)
                .findFirst();
    }

    private List<String> secretNames(String target) {
        if (target != null && !target.equals(AwsFaults.ANY)) {
            return parameters.value(target).isPresent() ? List.of(target) : List.of();
        }
        return parameters.names().stream().filter(n -> n.endsWith("/fleet-secret")).toList();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
