package dev.gpuops.runbook.action.aws;

import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.aws.CommandInvocation;
import dev.gpuops.provider.aws.CommandStatus;
import dev.gpuops.provider.aws.GroupInstance;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs shell commands on fleet instances through SSM Run Command (seed 004's "on a running instance (SSM/SSH)"
 * checks: asset-sync log, bundle ids, systemctl status, worker env). Output is kept as COMMAND_OUTPUT evidence,
 * redacted, so the diagnosis can match "registration failed … invalid fleet secret".
 *
 * <p>Destructive: Arbitrary commands may change anything; steps that only look mark themselves readOnly.
 */
@RunbookAction(key = "aws.ssm.run", idempotent = false, destructive = true,
        description = "Run shell commands on fleet instances via SSM Run Command and collect their output")
public final class SsmRun implements Action<SsmRun.Params> {

    private static final int OUTPUT_LIMIT = 4_000;

    public record Params(
            @Param(value = "Shell commands, run in order by AWS-RunShellScript", required = true)
            List<String> commands,
            @Param("Instance ids; defaults to every InService instance of the group")
            List<String> instanceIds,
            @Param(value = "How long the commands may run", defaultValue = "600s")
            Duration timeout,
            @Param(value = "How often to check for results", defaultValue = "2s")
            Duration pollInterval,
            @Param(value = "The commands only read state (no confirmation needed on production)",
                    defaultValue = "false")
            Boolean readOnly,
            @Param("Auto Scaling group whose instances to use; defaults to aws.autoScalingGroup of the target")
            String group,
            @Param("AWS region; defaults to aws.region of the target")
            String region) {

        public Params {
            if (commands == null || commands.isEmpty() || commands.stream().allMatch(c -> c == null || c.isBlank())) {
                throw new IllegalArgumentException("aws.ssm.run needs commands: (a list of shell lines)");
            }
            commands = List.copyOf(commands);
            instanceIds = instanceIds == null ? List.of() : List.copyOf(instanceIds);
            timeout = timeout == null ? Duration.ofMinutes(10) : timeout;
            pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
            readOnly = readOnly != null && readOnly;
        }

        public static Params of(List<String> commands) {
            return new Params(commands, null, null, null, null, null, null);
        }
    }

    @Override
    public boolean destructive(Params params) {
        return !params.readOnly();
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) throws InterruptedException {
        AwsFleetClient aws = AwsSteps.client(ctx, params.region());
        List<String> instances = params.instanceIds().isEmpty() ? inService(ctx, aws, params) : params.instanceIds();
        String commandId;
        try {
            commandId = aws.sendCommand(instances, params.commands(), params.timeout());
        } catch (ProviderException e) {
            throw AwsSteps.failure("sending the command to " + String.join(", ", instances), e);
        }
        ctx.progress("SSM command " + commandId + " sent to " + instances.size() + " instance(s)");
        List<CommandInvocation> results = new ArrayList<>();
        for (String instance : instances) {
            CommandInvocation done = await(ctx, aws, commandId, instance, params.pollInterval());
            ctx.evidence(Evidence.Kind.COMMAND_OUTPUT, "ssm " + instance + ": " + params.commands().getFirst(),
                    clip(done.standardOutput() + (done.standardError().isBlank() ? "" : "\n" + done.standardError())));
            ctx.progress(instance + " " + done.rawStatus() + " (exit " + done.responseCode() + ")");
            results.add(done);
        }
        return result(commandId, results);
    }

    private static List<String> inService(StepContext ctx, AwsFleetClient aws, Params params) {
        String group = AwsSteps.group(ctx, params.group());
        List<String> ids;
        try {
            ids = aws.describeGroup(group).instances().stream().filter(GroupInstance::inServiceHealthy)
                    .map(GroupInstance::instanceId).toList();
        } catch (ProviderException e) {
            throw AwsSteps.failure("listing instances of " + group, e);
        }
        if (ids.isEmpty()) {
            throw StepFailure.retryable(group + " has no InService instance to run the command on; scale it up"
                    + " (aws.asg.scale) or wait for instances to boot");
        }
        return ids;
    }

    private static CommandInvocation await(StepContext ctx, AwsFleetClient aws, String commandId, String instance,
                                           Duration poll) throws InterruptedException {
        Wait.Result<CommandInvocation> wait = Wait.on(ctx).every(poll).until(look -> {
            try {
                CommandInvocation invocation = aws.getCommandInvocation(commandId, instance);
                return invocation.status().terminal() ? Wait.done(invocation)
                        : Wait.pending(instance + " " + invocation.rawStatus(), invocation);
            } catch (ProviderException e) {
                if (!e.retryable()) {
                    throw AwsSteps.failure("reading the result of " + commandId + " on " + instance, e);
                }
                return Wait.pending(instance + ": could not read the status (" + e.getMessage() + "); trying again");
            }
        });
        if (wait.done()) {
            return wait.value();
        }
        throw StepFailure.permanent((wait.ending() == Wait.Ending.CANCELLED ? "cancelled" : "step deadline reached")
                + " while SSM command " + commandId + " was still running on " + instance + " (" + wait.took()
                + "); it may still finish — aws ssm get-command-invocation --command-id " + commandId
                + " --instance-id " + instance);
    }

    private static StepResult result(String commandId, List<CommandInvocation> results) {
        List<CommandInvocation> failed = results.stream()
                .filter(r -> r.status() != CommandStatus.SUCCESS).toList();
        if (!failed.isEmpty()) {
            CommandInvocation first = failed.getFirst();
            throw StepFailure.permanent("SSM command " + commandId + " " + first.rawStatus() + " on "
                    + first.instanceId() + " (exit " + first.responseCode() + ")"
                    + (failed.size() > 1 ? " and " + (failed.size() - 1) + " more instance(s)" : "") + ": "
                    + tail(first.standardError().isBlank() ? first.standardOutput() : first.standardError()));
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("commandId", commandId);
        outputs.put("instances", String.join(",", results.stream().map(CommandInvocation::instanceId).toList()));
        outputs.put("stdout", Redactor.redact(clip(results.getFirst().standardOutput())));
        return new StepResult("ran on " + results.size() + " instance(s): all Success", outputs);
    }

    private static String clip(String text) {
        return text.length() <= OUTPUT_LIMIT ? text : "…" + text.substring(text.length() - OUTPUT_LIMIT);
    }

    private static String tail(String text) {
        String trimmed = Redactor.redact(text.strip());
        if (trimmed.isEmpty()) {
            return "no output";
        }
        return trimmed.length() <= 400 ? trimmed : "…" + trimmed.substring(trimmed.length() - 400);
    }
}
