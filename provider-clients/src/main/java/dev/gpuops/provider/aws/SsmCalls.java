package dev.gpuops.provider.aws;

import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.provider.support.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.InvocationDoesNotExistException;

/** SSM calls in SDK terms, translated to our records. Parameter values never reach a message or a log. */
final class SsmCalls {

    private static final int MIN_DELIVERY_TIMEOUT_SECONDS = 30;

    private final SsmClient sdk;
    private final AwsConfig config;

    SsmCalls(SsmClient sdk, AwsConfig config) {
        this.sdk = sdk;
        this.config = config;
    }

    Parameter getParameter(String name, boolean decrypt) {
        var p = retry().run(true, () -> AwsErrors.call("GetParameter " + name,
                () -> sdk.getParameter(r -> r.name(name).withDecryption(decrypt)).parameter()));
        ParameterType type = ParameterType.parse(p.typeAsString());
        if (type == ParameterType.SECURE_STRING && decrypt) {
            Redactor.register(p.value());
        }
        return new Parameter(p.name(), type, p.value(), p.version() == null ? 0 : p.version());
    }

    long putParameter(String name, String value, ParameterType type, boolean overwrite) {
        if (type == ParameterType.SECURE_STRING) {
            Redactor.register(value);
        }
        // an overwrite of the same value is harmless to repeat; a create without overwrite is not
        return retry().run(overwrite, () -> AwsErrors.call("PutParameter " + name,
                () -> sdk.putParameter(r -> r.name(name).value(value).type(type.wire()).overwrite(overwrite))
                        .version()));
    }

    String sendCommand(List<String> instanceIds, List<String> commands, Duration timeout) {
        long seconds = Math.max(MIN_DELIVERY_TIMEOUT_SECONDS, timeout.toSeconds());
        Map<String, List<String>> parameters = Map.of(
                "commands", List.copyOf(commands),
                "executionTimeout", List.of(Long.toString(seconds)));
        return AwsErrors.call("SendCommand to " + String.join(",", instanceIds),
                () -> sdk.sendCommand(r -> r.documentName("AWS-RunShellScript")
                        .instanceIds(instanceIds)
                        .parameters(parameters)
                        .timeoutSeconds((int) seconds)
                        .comment("gpuops")).command().commandId());
    }

    /**
     * Right after {@code SendCommand} AWS may not know the invocation yet and answers {@code InvocationDoesNotExist};
     * that is retried a bounded number of times before it counts as a real NotFound.
     */
    CommandInvocation getCommandInvocation(String commandId, String instanceId) {
        for (int poll = 1; ; poll++) {
            try {
                GetCommandInvocationResponse r = retry().run(true, () -> invocation(commandId, instanceId));
                return new CommandInvocation(r.commandId(), r.instanceId(), CommandStatus.parse(r.statusAsString()),
                        r.statusAsString(), r.responseCode() == null ? -1 : r.responseCode(),
                        r.standardOutputContent(), r.standardErrorContent());
            } catch (InvocationDoesNotExistException e) {
                if (poll >= config.invocationPolls()) {
                    throw AwsErrors.fromService("GetCommandInvocation " + commandId + " on " + instanceId
                            + " (still unknown after " + poll + " polls)", e);
                }
                pause(config.invocationDelay());
            }
        }
    }

    CommandInvocation awaitCommand(String commandId, String instanceId, Duration pollInterval, Duration timeout) {
        long polls = Math.max(1, timeout.toMillis() / Math.max(1, pollInterval.toMillis()));
        CommandInvocation last = getCommandInvocation(commandId, instanceId);
        for (long i = 0; i < polls && !last.status().terminal(); i++) {
            pause(pollInterval);
            last = getCommandInvocation(commandId, instanceId);
        }
        if (!last.status().terminal()) {
            throw new ProviderException.Transient(AwsErrors.PROVIDER, 0, null, "command " + commandId + " on "
                    + instanceId + " is still " + last.rawStatus() + " after " + timeout
                    + "; check it with aws ssm get-command-invocation", null);
        }
        return last;
    }

    private GetCommandInvocationResponse invocation(String commandId, String instanceId) {
        String what = "GetCommandInvocation " + commandId + " on " + instanceId;
        try {
            return sdk.getCommandInvocation(r -> r.commandId(commandId).instanceId(instanceId));
        } catch (InvocationDoesNotExistException e) {
            throw e; // handled by the caller's bounded wait, not by the generic retry
        } catch (AwsServiceException e) {
            throw AwsErrors.fromService(what, e);
        } catch (SdkClientException e) {
            throw AwsErrors.fromClient(what, e);
        }
    }

    private RetryPolicy retry() {
        return config.retry();
    }

    private void pause(Duration delay) {
        try {
            retry().sleeper().sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Transient(AwsErrors.PROVIDER, 0, null, "interrupted while polling SSM", e);
        }
    }
}
