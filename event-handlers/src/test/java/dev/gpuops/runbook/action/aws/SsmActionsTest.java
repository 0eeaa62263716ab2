package dev.gpuops.runbook.action.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SsmActionsTest {

    static final String CANARY = "SecureCanary-9d8c7b6a5f4e3d2c";

    AwsFixture aws;
    final SsmGet get = new SsmGet();
    final SsmPut put = new SsmPut();

    @BeforeEach
    void start() {
        aws = new AwsFixture();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void plainParameterUnderTheTargetPrefixIsAnOutput() {
        StepResult result = get.execute(aws.context(), SsmGet.Params.of("models/bucket"));

        assertThat(result.outputs()).containsEntry("name", "/bp/staging/models/bucket")
                .containsEntry("value", "bp-models-123456789012-staging")
                .containsEntry("version", "1")
                .containsEntry("type", "String");
        assertThat(result.summary()).isEqualTo("/bp/staging/models/bucket = bp-models-123456789012-staging (v1)");
    }

    @Test
    void secretLikeStringShowsOnlyAFingerprint() {
        String secret = aws.sandbox.parameterValue("/bp/staging/fleet-secret").orElseThrow();

        StepResult result = get.execute(aws.context(), SsmGet.Params.of("/bp/staging/fleet-secret"));

        assertThat(result.outputs()).doesNotContainKey("value")
                .containsEntry("fingerprint", SecretValues.fingerprint(secret))
                .containsEntry("length", "64");
        assertThat(result.summary()).doesNotContain(secret).contains("is set");
        assertThat(result.outputs().values()).noneMatch(v -> v.contains(secret));
    }

    @Test
    void secureStringIsNeverAnOutputEvenWhenDecrypted() {
        aws.sandbox.parameter("/bp/staging/laravel/app-config", "SecureString", CANARY);

        StepResult result = get.execute(aws.context(), SsmGet.Params.of("laravel/app-config"));

        assertThat(result.outputs()).containsEntry("type", "SecureString").doesNotContainKey("value");
        assertThat(result.toString()).doesNotContain(CANARY);
    }

    @Test
    void placeholderFleetSecretFailsWithTheFixAndEvidence() {
        aws.sandbox.fail("placeholder-secret");
        TestStepContext ctx = aws.context();

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> get.execute(ctx,
                new SsmGet.Params("fleet-secret", true, null, true, null)));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("/bp/staging/fleet-secret still holds a placeholder")
                .hasMessageContaining("workers cannot register")
                .hasMessageContaining("aws ssm put-parameter --name /bp/staging/fleet-secret")
                .hasMessageContaining("openssl rand -hex 32");
        assertThat(ctx.evidence()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.PROVIDER_STATE);
            assertThat(e.text()).contains("placeholder");
        });
    }

    @Test
    void realFleetSecretPassesThePlaceholderCheck() {
        StepResult result = get.execute(aws.context(), new SsmGet.Params("fleet-secret", true, null, true, null));

        assertThat(result.outputs()).containsKey("fingerprint");
    }

    @Test
    void missingParameterSaysHowToCreateIt() {
        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> get.execute(aws.context(), SsmGet.Params.of("nope")));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("/bp/staging/nope does not exist")
                .hasMessageContaining("put-parameter");
    }

    @Test
    void generatedSecretIsWrittenButNeverShown() {
        aws.sandbox.fail("placeholder-secret");

        StepResult result = put.execute(aws.context(),
                new SsmPut.Params("fleet-secret", null, 32, "String", true, null));

        String stored = aws.sandbox.parameterValue("/bp/staging/fleet-secret").orElseThrow();
        assertThat(stored).hasSize(64).matches("[0-9a-f]+").isNotEqualTo("CHANGE_ME");
        assertThat(result.outputs()).containsEntry("version", "3")
                .containsEntry("fingerprint", SecretValues.fingerprint(stored));
        assertThat(result.summary()).doesNotContain(stored);
        assertThat(get.execute(aws.context(), new SsmGet.Params("fleet-secret", true, null, true, null))
                .outputs()).containsEntry("fingerprint", SecretValues.fingerprint(stored));
    }

    @Test
    void writingAPlaceholderIntoASecretIsRefused() {
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> put.execute(aws.context(),
                new SsmPut.Params("fleet-secret", "CHANGE_ME", null, null, true, null)));

        assertThat(failure).hasMessageContaining("refusing to write a placeholder");
        assertThat(aws.sandbox.parameterValue("/bp/staging/fleet-secret")).get().isNotEqualTo("CHANGE_ME");
    }

    @Test
    void existingParameterNeedsOverwrite() {
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> put.execute(aws.context(),
                new SsmPut.Params("models/bucket", "other", null, null, null, null)));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("ParameterAlreadyExists").hasMessageContaining("overwrite");
        StepResult ok = put.execute(aws.context(), new SsmPut.Params("models/bucket", "other", null, null, true,
                null));
        assertThat(ok.summary()).isEqualTo("wrote /bp/staging/models/bucket v2 (String, 'other')");
    }

    @Test
    void putParamsHideTheValueAndOnlyOverwriteIsDestructive() {
        SsmPut.Params params = new SsmPut.Params("x", CANARY, null, "SecureString", false, null);

        assertThat(params.toString()).doesNotContain(CANARY);
        assertThat(put.destructive(params)).isFalse();
        assertThat(put.destructive(new SsmPut.Params("x", "v", null, null, true, null))).isTrue();
        assertThat(put.destructive()).isTrue();
    }

    @Test
    void secureStringFailureMessagesNeverCarryTheValue() {
        aws.sandbox.parameter("/bp/staging/api-token", "SecureString", CANARY);
        get.execute(aws.context(), SsmGet.Params.of("api-token"));

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> put.execute(aws.context(),
                new SsmPut.Params("api-token", CANARY, null, "SecureString", false, null)));

        assertThat(failure.getMessage()).doesNotContain(CANARY);
    }
}
