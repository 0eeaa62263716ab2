package dev.gpuops.sandbox.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * SSM Run Command with {@code AWS-RunShellScript}. Nothing really runs: scripts are matched against rules to
 * produce output. Each invocation is unknown on its first poll ({@code InvocationDoesNotExist}, as AWS is right
 * after SendCommand), InProgress on the second, and final from the third, so polling behaviour is deterministic.
 */
final class SsmCommands {

    /** Canned output for scripts matching {@code pattern}. */
    record Rule(Pattern pattern, int exitCode, String stdout, String stderr) {
    }

    record Outcome(int exitCode, String stdout, String stderr) {
    }

    private record Sent(String id, List<String> instances, String script, Instant at, int timeout,
                        Map<String, AtomicInteger> polls, Map<String, Outcome> outcomes) {
    }

    private final Clock clock;
    private final Function<String, Optional<String>> groupOfInstance;
    private final AwsFaults faults;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();

    SsmCommands(Clock clock, Function<String, Optional<String>> groupOfInstance, AwsFaults faults) {
        this.clock = clock;
        this.groupOfInstance = groupOfInstance;
        this.faults = faults;
    }

    void rule(Rule rule) {
        rules.add(0, rule);
    }

    ObjectNode send(String document, List<String> instanceIds, List<String> commands, int timeout, String comment) {
        if (!"AWS-RunShellScript".equals(document)) {
            throw AwsError.sender("InvalidDocument", "Document " + document + " does not exist in your account.");
        }
        if (commands == null || commands.isEmpty()) {
            throw AwsError.sender("InvalidParameters", "Missing required parameter commands.");
        }
        List<String> unknown = instanceIds.stream().filter(i -> groupOfInstance.apply(i).isEmpty()).toList();
        if (instanceIds.isEmpty() || !unknown.isEmpty()) {
            throw AwsError.sender("InvalidInstanceId", "Instances " + unknown + " not in a valid state for account "
                    + AutoScalingState.ACCOUNT);
        }
        String script = String.join("\n", commands);
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        instanceIds.forEach(i -> outcomes.put(i, run(script, i)));
        Sent command = new Sent(UUID.randomUUID().toString(), List.copyOf(instanceIds), script, clock.instant(),
                timeout, new ConcurrentHashMap<>(), outcomes);
        sent.put(command.id(), command);
        return describe(command, commands, comment);
    }

    ObjectNode invocation(String commandId, String instanceId) {
        Sent command = sent.get(commandId);
        if (command == null || !command.instances().contains(instanceId)) {
            throw AwsError.sender("InvocationDoesNotExist", null);
        }
        int poll = command.polls().computeIfAbsent(instanceId, k -> new AtomicInteger()).incrementAndGet();
        if (poll == 1) {
            throw AwsError.sender("InvocationDoesNotExist", null);
        }
        Outcome outcome = command.outcomes().get(instanceId);
        boolean done = poll >= 3;
        String status = !done ? "InProgress" : outcome.exitCode() == 0 ? "Success" : "Failed";
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("CommandId", commandId);
        node.put("InstanceId", instanceId);
        node.put("Comment", "");
        node.put("DocumentName", "AWS-RunShellScript");
        node.put("DocumentVersion", "$DEFAULT");
        node.put("PluginName", "aws:runShellScript");
        node.put("ResponseCode", done ? outcome.exitCode() : -1);
        node.put("ExecutionStartDateTime", command.at().toString());
        node.put("ExecutionElapsedTime", done ? "PT0.412S" : "");
        node.put("ExecutionEndDateTime", done ? command.at().plusMillis(412).toString() : "");
        node.put("Status", status);
        node.put("StatusDetails", status);
        node.put("StandardOutputContent", done ? outcome.stdout() : "");
        node.put("StandardOutputUrl", "");
        node.put("StandardErrorContent", done ? outcome.stderr() : "");
        node.put("StandardErrorUrl", "");
        node.putObject("CloudWatchOutputConfig").put("CloudWatchLogGroupName", "")
                .put("CloudWatchOutputEnabled", false);
        return node;
    }

    private Outcome run(String script, String instanceId) {
        for (Rule rule : rules) {
            if (rule.pattern().matcher(script).find()) {
                return new Outcome(rule.exitCode(), rule.stdout(), rule.stderr());
            }
        }
        if (script.contains("comfyui-worker") || script.contains("regist")) {
            return WorkerScripts.registration(instanceId, notRegistering(instanceId), clock.instant());
        }
        return WorkerScripts.echoes(script);
    }

    private boolean notRegistering(String instanceId) {
        return faults.activeFor(AwsFault.WORKERS_NOT_REGISTERING, groupOfInstance.apply(instanceId).orElse(null));
    }

    private ObjectNode describe(Sent command, List<String> commands, String comment) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode c = root.putObject("Command");
        c.put("CommandId", command.id());
        c.put("DocumentName", "AWS-RunShellScript");
        c.put("DocumentVersion", "$DEFAULT");
        c.put("Comment", comment == null ? "" : comment);
        c.put("ExpiresAfter", command.at().plusSeconds(command.timeout()).toEpochMilli() / 1000.0);
        var params = c.putObject("Parameters").putArray("commands");
        commands.forEach(params::add);
        var ids = c.putArray("InstanceIds");
        command.instances().forEach(ids::add);
        c.putArray("Targets");
        c.put("RequestedDateTime", command.at().toEpochMilli() / 1000.0);
        c.put("Status", "Pending");
        c.put("StatusDetails", "Pending");
        c.put("OutputS3BucketName", "");
        c.put("OutputS3KeyPrefix", "");
        c.put("MaxConcurrency", "50");
        c.put("MaxErrors", "0");
        c.put("TargetCount", command.instances().size());
        c.put("CompletedCount", 0);
        c.put("ErrorCount", 0);
        c.put("DeliveryTimedOutCount", 0);
        c.put("ServiceRole", "");
        c.putObject("NotificationConfig").put("NotificationArn", "").putArray("NotificationEvents");
        c.putObject("CloudWatchOutputConfig").put("CloudWatchLogGroupName", "").put("CloudWatchOutputEnabled", false);
        c.put("TimeoutSeconds", command.timeout());
        return root;
    }
}
