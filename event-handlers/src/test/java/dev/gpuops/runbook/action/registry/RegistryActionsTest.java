package dev.gpuops.runbook.action.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.provider.registry.ImageReference;
import dev.gpuops.provider.registry.RegistryClient;
import dev.gpuops.provider.registry.RegistryConfig;
import dev.gpuops.provider.registry.RegistryCredentials;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.sandbox.registry.SampleManifests;
import dev.gpuops.sandbox.registry.SandboxRegistry;
import dev.gpuops.target.Target;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryActionsTest {

    static final String TOKEN = "ghp_ActionCanary0123456789abcdefABCDEF";
    static final String IMAGE = SandboxRegistry.IMAGE_SERVER;

    final CheckTag checkTag = new CheckTag();
    final Promote promote = new Promote();
    SandboxRegistry registry;

    @BeforeEach
    void start() {
        registry = SandboxRegistry.start().seedDefaults().user("intelligensi-ai", TOKEN, true)
                .user("reader", TOKEN + "-r", false);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    TestStepContext context(String user, String token) {
        RegistryCredentials credentials = user == null ? RegistryCredentials.NONE
                : host -> Optional.of(new RegistryCredentials.Credential(user, token));
        RegistryClient client = new RegistryClient(RegistryConfig.defaults(credentials).withRetry(RetryPolicy.none()));
        Target target = new Target("image-box", "lambda", "#gpu-ops", Target.Environment.STAGING,
                registry.host() + "/" + IMAGE + ":latest", null, null, null, null, null, null, null, null, null,
                null, Map.of());
        return new TestStepContext(target, new Services().register(RegistryClient.class, client));
    }

    @Test
    void existingTagOutputsItsDigest() {
        StepResult result = checkTag.execute(context("intelligensi-ai", TOKEN), new CheckTag.Params(null, "v-123"));

        String digest = registry.digest(IMAGE, "v-123").orElseThrow();
        assertThat(result.outputs()).containsEntry("digest", digest)
                .containsEntry("image", registry.host() + "/" + IMAGE + ":v-123")
                .containsEntry("pinned", registry.host() + "/" + IMAGE + "@" + digest)
                .containsEntry("mediaType", SampleManifests.DOCKER_V2);
        assertThat(result.summary()).endsWith(":v-123 exists (" + digest.substring(0, 19) + "…)");
    }

    @Test
    void missingTagAsksWhetherTheBuildFinishedAndIsNotRetried() {
        TestStepContext ctx = context("intelligensi-ai", TOKEN);

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> checkTag.execute(ctx, new CheckTag.Params(null, "v-124")));

        assertThat(failure).hasMessage("tag v-124 not found in " + registry.host() + "/" + IMAGE
                + " (manifest unknown); did the build finish? Check the CI run that pushes it, then run the command"
                + " again");
        assertThat(failure.retryable()).as("manifest unknown is permanent: retrying cannot make the tag appear")
                .isFalse();
        assertThat(ctx.evidence()).singleElement().extracting(Evidence::kind).isEqualTo(Evidence.Kind.PROVIDER_STATE);
    }

    @Test
    void privateRepositoryWithoutCredentialsNamesTheMissingVariables() {
        String prefix = registry.host().replaceAll("[^0-9A-Za-z]", "_");

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> checkTag.execute(context(null, null), new CheckTag.Params(null, "v-123")));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("refused anonymous access to " + IMAGE)
                .hasMessageContaining("Set " + prefix + "_USERNAME and " + prefix + "_TOKEN");
    }

    @Test
    void ghcrImagesNameTheGhcrVariables() {
        RegistryClient anonymous = context(null, null).registry();

        StepFailure failure = ImageSteps.failure("checking the image", ImageReference.parse("ghcr.io/" + IMAGE
                + ":v-123"), anonymous, new ProviderException.Auth("registry", 401, null, "UNAUTHORIZED"));

        assertThat(failure).hasMessageContaining("ghcr.io refused anonymous access")
                .hasMessageContaining("Set GHCR_USERNAME and GHCR_TOKEN");
    }

    @Test
    void publicImagesNeedNoCredentials() {
        StepResult result = checkTag.execute(context(null, null),
                new CheckTag.Params(registry.host() + "/" + SandboxRegistry.LLAMA + ":server-cuda", null));

        assertThat(result.outputs()).containsEntry("mediaType", SampleManifests.OCI_INDEX);
    }

    @Test
    void promoteMakesStableTheExactBytesOfCanary() {
        byte[] canary = registry.storedManifest(IMAGE, "canary").orElseThrow();
        String before = registry.digest(IMAGE, "stable").orElseThrow();

        StepResult result = promote.execute(context("intelligensi-ai", TOKEN), Promote.Params.defaults());

        assertThat(registry.storedManifest(IMAGE, "stable")).hasValueSatisfying(b -> assertThat(b).isEqualTo(canary));
        assertThat(result.outputs()).containsEntry("digest", registry.digest(IMAGE, "canary").orElseThrow())
                .containsEntry("previousDigest", before)
                .containsEntry("image", registry.host() + "/" + IMAGE + ":stable");
        assertThat(result.summary()).startsWith("promoted " + registry.host() + "/" + IMAGE + ":canary → :stable");
        assertThat(new String(canary, StandardCharsets.UTF_8)).contains("\n   \"schemaVersion\": 2");

        StepResult again = promote.execute(context("intelligensi-ai", TOKEN), Promote.Params.defaults());
        assertThat(again.summary()).contains("already pointed at canary");
    }

    @Test
    void promoteWithoutWritePermissionIsRefusedAndChangesNothing() {
        String before = registry.digest(IMAGE, "stable").orElseThrow();

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> promote.execute(context("reader", TOKEN + "-r"), Promote.Params.defaults()));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("was refused").hasMessageContaining("DENIED")
                .hasMessageContaining("write:packages");
        assertThat(failure.getMessage()).doesNotContain(TOKEN);
        assertThat(registry.digest(IMAGE, "stable")).contains(before);
    }

    @Test
    void promotingAMissingTagSaysNothingWasPromoted() {
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> promote.execute(
                context("intelligensi-ai", TOKEN), new Promote.Params(null, "v-999", "stable", null)));

        assertThat(failure).hasMessageContaining("tag v-999 not found").hasMessageContaining("nothing was promoted");
    }

    @Test
    void rateLimitIsRetryable() {
        registry.fail(IMAGE, "rate-limit");

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> checkTag.execute(context("intelligensi-ai", TOKEN), new CheckTag.Params(null, "canary")));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("TOOMANYREQUESTS").hasMessageContaining("retry after 2s");
    }

    @Test
    void wrongTokenNeverAppearsInTheFailure() {
        String wrong = TOKEN + "-wrong";

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> checkTag.execute(context("intelligensi-ai", wrong), new CheckTag.Params(null, "canary")));

        assertThat(failure).hasMessageContaining("were rejected");
        assertThat(failure.getMessage()).doesNotContain(wrong);
        assertThat(String.valueOf(failure.getCause())).doesNotContain(wrong);
    }

    @Test
    void promoteParamsRejectSameTagAndBadTags() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Promote.Params(null, "stable", "stable", null))).hasMessageContaining("both 'stable'");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Promote.Params(null, "-bad", null, null))).hasMessageContaining("not a valid tag");
    }

}
