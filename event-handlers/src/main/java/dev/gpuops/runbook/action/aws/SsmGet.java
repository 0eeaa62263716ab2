package dev.gpuops.runbook.action.aws;

import dev.gpuops.provider.aws.Parameter;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an SSM parameter (seed 004's pointers: models bucket, active bundle, AMI, fleet secret). Plain values become
 * the {@code value} output; secret-like ones (SecureString, or a name saying secret/token/key…) only ever show a
 * fingerprint. With {@code rejectPlaceholder} a placeholder value fails the step with the fix.
 */
@RunbookAction(key = "aws.ssm.get", idempotent = true, destructive = false,
        description = "Read an SSM parameter; secrets show only a fingerprint; optionally reject placeholders")
public final class SsmGet implements Action<SsmGet.Params> {

    public record Params(
            @Param(value = "Parameter name; relative names go under the target's aws.ssmPrefix", required = true)
            String name,
            @Param(value = "Decrypt SecureString values", defaultValue = "true")
            Boolean decrypt,
            @Param(value = "Treat the value as a secret (only a fingerprint is shown); default: decided from the"
                    + " type and name")
            Boolean secret,
            @Param(value = "Fail when the value is still a placeholder (CHANGE_ME, <…>, empty)", defaultValue = "false")
            Boolean rejectPlaceholder,
            @Param("AWS region; defaults to aws.region of the target")
            String region) {

        public Params {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("aws.ssm.get needs name: (e.g. /bp/staging/models/bucket)");
            }
            decrypt = decrypt == null || decrypt;
            rejectPlaceholder = rejectPlaceholder != null && rejectPlaceholder;
        }

        public static Params of(String name) {
            return new Params(name, null, null, null, null);
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        String name = AwsSteps.parameterName(ctx, params.name());
        Parameter parameter;
        try {
            parameter = AwsSteps.client(ctx, params.region()).getParameter(name, params.decrypt());
        } catch (ProviderException.NotFound e) {
            throw StepFailure.permanent("SSM parameter " + name + " does not exist (" + e.getMessage() + "); create"
                    + " it with aws ssm put-parameter --name " + name + " … or fix the name");
        } catch (ProviderException e) {
            throw AwsSteps.failure("reading SSM parameter " + name, e);
        }
        boolean secret = params.secret() != null ? params.secret()
                : SecretValues.secretLike(name, parameter.type());
        if (secret) {
            Redactor.register(parameter.value());
        }
        if (params.rejectPlaceholder() && SecretValues.isPlaceholder(parameter.value())) {
            ctx.evidence(Evidence.Kind.PROVIDER_STATE, "ssm " + name,
                    "parameter " + name + " (version " + parameter.version() + ") holds a placeholder value");
            throw StepFailure.permanent(name + " still holds a placeholder value (version " + parameter.version()
                    + "), so workers cannot register with the backend. Set a real one: aws ssm put-parameter --name "
                    + name + " --value \"$(openssl rand -hex 32)\" --type " + parameter.type().wire()
                    + " --overwrite (or an aws.ssm.put step with generateHex: 32), then roll the fleet"
                    + " (aws.asg.refresh) so workers pick it up");
        }
        return result(name, parameter, secret);
    }

    private static StepResult result(String name, Parameter parameter, boolean secret) {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("name", name);
        outputs.put("type", parameter.type().wire());
        outputs.put("version", Long.toString(parameter.version()));
        if (secret) {
            String fingerprint = SecretValues.fingerprint(parameter.value());
            outputs.put("fingerprint", fingerprint);
            outputs.put("length", Integer.toString(parameter.value().length()));
            return new StepResult(name + " is set (" + parameter.type().wire() + ", v" + parameter.version() + ", "
                    + parameter.value().length() + " chars, " + fingerprint + ")", outputs);
        }
        outputs.put("value", parameter.value());
        return new StepResult(Redactor.redact(name + " = " + abbreviate(parameter.value()) + " (v"
                + parameter.version() + ")"),
                outputs);
    }

    private static String abbreviate(String value) {
        String oneLine = value.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "…";
    }
}
