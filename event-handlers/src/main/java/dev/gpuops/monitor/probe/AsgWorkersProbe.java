package dev.gpuops.monitor.probe;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.aws.CommandInvocation;
import dev.gpuops.provider.aws.GroupInstance;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code asg-workers} (seed 004's "workers not registering"): where the target says how to see it
 * ({@code aws.workers}), runs that read-only command through SSM on every InService instance and counts the instances
 * whose output matches {@code registered}. Fails when InService instances exist but fewer registered than
 * {@code minRegistered} (default: all of them) for longer than {@code grace}, naming the instances and quoting the
 * last line of one that did not register. Passes without {@code aws.workers}.
 */
public final class AsgWorkersProbe implements Probe {

    private static final Duration POLL = Duration.ofMillis(500);

    private final AwsFleetClient aws;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Instant> shortSince = new ConcurrentHashMap<>();

    public AsgWorkersProbe(AwsFleetClient aws, Clock clock, Duration timeout) {
        this.aws = aws;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public String key() {
        return "asg-workers";
    }

    @Override
    public List<CheckResult> run(CheckDefinition check, Target target) {
        Target.Aws.Workers workers = target.aws() == null ? null : target.aws().workers();
        if (workers == null) {
            return List.of(CheckResult.ok(check.id(), "no aws.workers configured: registration not watched"));
        }
        if (aws == null) {
            return List.of(CheckResult.unknown(check.id(), "the AWS client is not configured"));
        }
        try {
            AwsFleetClient client = aws.inRegion(target.aws().region());
            List<String> inService = client.describeGroup(target.aws().autoScalingGroup()).instances().stream()
                    .filter(GroupInstance::inServiceHealthy).map(GroupInstance::instanceId).toList();
            if (inService.isEmpty()) {
                shortSince.remove(target.name());
                return List.of(CheckResult.ok(check.id(), "no InService instances to register"));
            }
            return List.of(judge(check.id(), target.name(), workers, inService, registered(client, workers,
                    inService)));
        } catch (ProviderException e) {
            return List.of(CheckResult.unknown(check.id(), "AWS API unreachable ("
                    + Redactor.redact(e.getMessage()) + ")"));
        }
    }

    /** Instance id → the last line of its command output, for the instances that did not register. */
    private Map<String, String> registered(AwsFleetClient client, Target.Aws.Workers workers, List<String> ids) {
        String commandId = client.sendCommand(ids, List.of(workers.command()), timeout);
        Pattern registered = Pattern.compile(workers.registered());
        Map<String, String> missing = new java.util.LinkedHashMap<>();
        for (String id : ids) {
            CommandInvocation done = client.awaitCommand(commandId, id, POLL, timeout);
            String output = done.standardOutput() == null ? "" : done.standardOutput();
            if (!registered.matcher(output).find()) {
                List<String> lines = output.strip().lines().toList();
                missing.put(id, Redactor.redact(lines.isEmpty() ? "(no output, " + done.rawStatus() + ")"
                        : lines.getLast()));
            }
        }
        return missing;
    }

    private CheckResult judge(String check, String target, Target.Aws.Workers workers, List<String> inService,
                              Map<String, String> missing) {
        int count = inService.size() - missing.size();
        int needed = workers.minRegistered() == null ? inService.size()
                : Math.min(workers.minRegistered(), inService.size());
        String counted = count + "/" + inService.size() + " InService workers registered";
        if (count >= needed) {
            shortSince.remove(target);
            return CheckResult.ok(check, counted);
        }
        Instant now = clock.instant();
        Instant since = shortSince.computeIfAbsent(target, t -> now);
        List<String> detail = new ArrayList<>();
        missing.entrySet().stream().limit(3).forEach(e -> detail.add(e.getKey() + ": " + e.getValue()));
        String evidence = counted + " (need " + needed + "); not registered: " + String.join("; ", detail);
        Duration waited = Duration.between(since, now);
        if (waited.compareTo(workers.grace()) < 0) {
            return CheckResult.ok(check, evidence + " — within the " + workers.grace().toMinutes()
                    + "m grace for booting workers");
        }
        return CheckResult.failing(check, "workers not registering for " + waited.toMinutes() + "m: " + evidence);
    }
}
