package dev.gpuops.runbook.action.aws;

import dev.gpuops.provider.aws.ParameterType;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an SSM parameter. {@code generateHex: 32} writes a fresh random secret, like seed 004's
 * {@code --value "$(openssl rand -hex 32)"}, without the value ever reaching the runbook or the thread. Writing a
 * placeholder into a secret-like parameter is refused.
 *
 * <p>Not idempotent: A rerun would fail on an existing parameter, or generate a different secret.
 */
@RunbookAction(key = "aws.ssm.put", idempotent = false, destructive = true,
        description = "Write an SSM parameter (or a freshly generated secret); never echoes the value")
public final class SsmPut implements Action<SsmPut.Params> {

    private static final SecureRandom RANDOM = new SecureRandom();

    public record Params(
            @Param(value = "Parameter name; relative names go under the target's aws.ssmPrefix", required = true)
            String name,
            @Param("The value; give this or generateHex")
            String value,
            @Param("Generate a random value of this many bytes, hex-encoded (16–64)")
            Integer generateHex,
            @Param(value = "String, StringList or SecureString", defaultValue = "String")
            String type,
            @Param(value = "Replace an existing parameter", defaultValue = "false")
            Boolean overwrite,
            @Param("AWS region; defaults to aws.region of the target")
            String region) {

        public Params {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("aws.ssm.put needs name:");
            }
            if ((value == null) == (generateHex == null)) {
                throw new IllegalArgumentException("aws.ssm.put needs exactly one of value: or generateHex:");
            }
            if (generateHex != null && (generateHex < 16 || generateHex > 64)) {
                throw new IllegalArgumentException("aws.ssm.put generateHex must be between 16 and 64 bytes");
            }
            type = type == null || type.isBlank() ? "String" : type.strip();
            if (ParameterType.parse(type) == ParameterType.UNKNOWN) {
                throw new IllegalArgumentException("aws.ssm.put type must be String, StringList or SecureString");
            }
            overwrite = overwrite != null && overwrite;
        }

        /** Never prints the value: it is usually a secret. */
        @Override
        public String toString() {
            return "Params[name=" + name + ", value=" + (value == null ? "null" : "[REDACTED]") + ", generateHex="
                    + generateHex + ", type=" + type + ", overwrite=" + overwrite + ", region=" + region + "]";
        }
    }

    /** Only overwriting replaces something workers may depend on. */
    @Override
    public boolean destructive(Params params) {
        return params.overwrite();
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        String name = AwsSteps.parameterName(ctx, params.name());
        ParameterType type = ParameterType.parse(params.type());
        boolean generated = params.generateHex() != null;
        String value = generated ? random(params.generateHex()) : params.value();
        boolean secret = generated || SecretValues.secretLike(name, type);
        if (secret) {
            Redactor.register(value);
            if (SecretValues.isPlaceholder(value)) {
                throw StepFailure.permanent("refusing to write a placeholder into " + name + "; pass a real value"
                        + " or generateHex: 32");
            }
        }
        long version;
        try {
            version = AwsSteps.client(ctx, params.region()).putParameter(name, value, type, params.overwrite());
        } catch (ProviderException e) {
            throw AwsSteps.failure("writing SSM parameter " + name, e);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("name", name);
        outputs.put("version", Long.toString(version));
        if (secret) {
            outputs.put("fingerprint", SecretValues.fingerprint(value));
        }
        String shown = secret ? SecretValues.fingerprint(value) : "'" + Redactor.redact(value) + "'";
        return new StepResult("wrote " + name + " v" + version + " (" + type.wire() + ", " + shown + ")", outputs);
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }
}
