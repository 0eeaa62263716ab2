package dev.gpuops.provider.aws;

/**
 * One instance's result of an SSM Run Command. Output is as AWS returned it (truncated by AWS at 24,000 chars);
 * callers redact it before it leaves the process.
 *
 * @param responseCode the script's exit code, -1 while it has not finished
 */
public record CommandInvocation(String commandId, String instanceId, CommandStatus status, String rawStatus,
                                int responseCode, String standardOutput, String standardError) {

    public CommandInvocation {
        standardOutput = standardOutput == null ? "" : standardOutput;
        standardError = standardError == null ? "" : standardError;
    }

    @Override
    public String toString() {
        return "CommandInvocation[commandId=" + commandId + ", instanceId=" + instanceId + ", status=" + rawStatus
                + ", responseCode=" + responseCode + ", stdout=<" + standardOutput.length() + " chars>]";
    }
}
