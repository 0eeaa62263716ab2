package dev.gpuops.provider.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.sandbox.support.RecordedExchange;
import dev.gpuops.sandbox.lambda.SandboxLambda;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LambdaCloudClientTest {

    private static final String KEY_NAME = "intelligensi-lambda";

    private SandboxLambda sandbox;
    private RecordingSleeper sleeper;
    private LambdaCloudClient client;

    @BeforeEach
    void start() {
        sandbox = SandboxLambda.builder().bootDelay(Duration.ZERO).terminateDelay(Duration.ZERO).start();
        sandbox.addSshKey(KEY_NAME, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIexample ops@mac");
        sleeper = new RecordingSleeper();
        client = clientFor(sandbox, sandbox.apiKey());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private LambdaCloudClient clientFor(SandboxLambda target, String key) {
        return new LambdaCloudClient(new LambdaConfig(key).withApiUrl(target.baseUrl()), sleeper.policy());
    }

    private static LaunchRequest a10(String region) {
        return LaunchRequest.one(region, "gpu_1x_a10", KEY_NAME, "image-server-v2");
    }

    @Test
    void launchesFindsAndTerminatesAnInstance() {
        List<String> ids = client.launch(a10("us-east-1"));
        assertThat(ids).hasSize(1);

        LambdaInstance instance = client.getInstance(ids.getFirst());
        assertThat(instance.status()).isEqualTo(LambdaInstanceStatus.ACTIVE);
        assertThat(instance.reachable()).isTrue();
        assertThat(instance.name()).isEqualTo("image-server-v2");
        assertThat(instance.region()).isEqualTo("us-east-1");
        assertThat(instance.instanceType()).isEqualTo("gpu_1x_a10");
        assertThat(instance.sshKeyNames()).containsExactly(KEY_NAME);
        assertThat(instance.hostname()).endsWith(".cloud.lambdalabs.com");
        assertThat(client.listInstances()).extracting(LambdaInstance::id).containsExactly(ids.getFirst());

        List<LambdaInstance> terminated = client.terminate(ids);
        assertThat(terminated).extracting(LambdaInstance::id).containsExactly(ids.getFirst());
        assertThat(client.getInstance(ids.getFirst()).status()).isEqualTo(LambdaInstanceStatus.TERMINATED);
    }

    @Test
    void sendsLambdasFieldNamesAndBearerAuth() {
        client.launch(a10("us-east-1"));
        RecordedExchange launch = sandbox.exchanges().getLast();
        assertThat(launch.path()).isEqualTo("/api/v1/instance-operations/launch");
        assertThat(launch.authorized()).isTrue();
        JsonNode body = JsonHttp.JSON.readTree(launch.requestBody());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("region_name", "instance_type_name",
                "ssh_key_names", "file_system_names", "quantity", "name");
        assertThat(body.path("ssh_key_names").get(0).asString()).isEqualTo(KEY_NAME);
        assertThat(body.path("quantity").asInt()).isEqualTo(1);
    }

    @Test
    void bootingInstanceHasNoIpYet() {
        try (SandboxLambda slow = SandboxLambda.builder().bootDelay(Duration.ofHours(1)).start()) {
            slow.addSshKey(KEY_NAME, "ssh-ed25519 AAAA k");
            LambdaCloudClient slowClient = clientFor(slow, slow.apiKey());
            LambdaInstance booting = slowClient.getInstance(slowClient.launch(a10("us-east-1")).getFirst());
            assertThat(booting.status()).isEqualTo(LambdaInstanceStatus.BOOTING);
            assertThat(booting.ipAddress()).isEmpty();
            assertThat(booting.reachable()).isFalse();
        }
    }

    @Test
    void restartReturnsTheRestartedInstances() {
        String id = client.launch(a10("us-east-1")).getFirst();
        assertThat(client.restart(List.of(id))).extracting(LambdaInstance::id).containsExactly(id);
    }

    @Test
    void instanceTypesReportCapacityByRegion() {
        LambdaInstanceType a10 = client.instanceTypes().get("gpu_1x_a10");
        assertThat(a10.hasCapacityIn("us-east-1")).isTrue();
        assertThat(a10.hasCapacityIn("us-tx-1")).isFalse();
        assertThat(a10.specs().gpus()).isEqualTo(1);
        assertThat(a10.priceCentsPerHour()).isPositive();
        assertThat(client.instanceTypes().get("gpu_8x_a100").regionsWithCapacity()).isEmpty();
    }

    @Test
    void sshKeysCanBeAddedListedAndDeleted() {
        LambdaSshKey generated = client.addSshKey("ops-generated", null);
        assertThat(generated.generatedPrivateKey()).isPresent();
        assertThat(generated.toString()).doesNotContain("PRIVATE KEY");
        assertThat(client.sshKeys()).extracting(LambdaSshKey::name).contains(KEY_NAME, "ops-generated");
        client.deleteSshKey(generated.id());
        assertThat(client.sshKeys()).extracting(LambdaSshKey::name).doesNotContain("ops-generated");
    }

    @Test
    void invalidKeyIsAnAuthFailureNamingTheEnvironmentVariable() {
        LambdaCloudClient wrong = clientFor(sandbox, "not-the-right-key");
        ProviderException.Auth e = catchThrowableOfType(ProviderException.Auth.class, wrong::listInstances);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.provider()).isEqualTo("lambda");
        assertThat(e.getMessage()).contains("global/invalid-api-key", "LAMBDA_API_KEY");
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void unknownInstanceIsNotFound() {
        ProviderException.NotFound e = catchThrowableOfType(ProviderException.NotFound.class,
                () -> client.getInstance("0000000000000000000000000000dead"));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).contains("global/object-does-not-exist");
    }

    @Test
    void launchWithoutCapacityIsACapacityFailureWithLambdasSuggestion() {
        ProviderException.Capacity e = catchThrowableOfType(ProviderException.Capacity.class,
                () -> client.launch(a10("us-tx-1")));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("instance-operations/launch/insufficient-capacity",
                "Not enough capacity to fulfill launch request.", "Suggestion: Choose an instance type");
    }

    @Test
    void capacityListedButGoneAtLaunchIsStillACapacityFailure() {
        sandbox.fail("no-capacity");
        assertThat(client.instanceTypes().get("gpu_1x_a10").hasCapacityIn("us-east-1")).isTrue();
        assertThatThrownBy(() -> client.launch(a10("us-east-1"))).isInstanceOf(ProviderException.Capacity.class);
    }

    @Test
    void quotaExceededIsACapacityFailure() {
        sandbox.fail("quota-exceeded");
        assertThatThrownBy(() -> client.launch(a10("us-east-1")))
                .isInstanceOf(ProviderException.Capacity.class)
                .hasMessageContaining("global/quota-exceeded");
    }

    @Test
    void invalidParametersArePermanent() {
        LaunchRequest unknownKey = LaunchRequest.one("us-east-1", "gpu_1x_a10", "nobody", "x");
        assertThatThrownBy(() -> client.launch(unknownKey))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("global/invalid-parameters");
    }

    @Test
    void readsHonourRetryAfterOn429ThenSucceed() {
        sandbox.failNext("rate-limit", 1);
        assertThat(client.listInstances()).isEmpty();
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void launchIsNotRetriedOn429() {
        sandbox.failNext("rate-limit", 1);
        ProviderException.RateLimited e = catchThrowableOfType(ProviderException.RateLimited.class,
                () -> client.launch(a10("us-east-1")));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(sandbox.exchanges()).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedForReadsOnly() {
        sandbox.failNext("server-error", 2);
        assertThat(client.listInstances()).isEmpty();
        assertThat(sleeper.sleeps()).hasSize(2);
        assertThat(sandbox.exchanges()).extracting(RecordedExchange::status).containsExactly(500, 500, 200);

        sandbox.clearExchanges();
        sandbox.failNext("server-error", 1);
        assertThatThrownBy(() -> client.launch(a10("us-east-1"))).isInstanceOf(ProviderException.Transient.class);
        assertThat(sandbox.exchanges()).hasSize(1);
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void persistentServerErrorsGiveUpAfterTheRetryBudget() {
        sandbox.fail("server-error");
        ProviderException.Transient e = catchThrowableOfType(ProviderException.Transient.class,
                client::listInstances);
        assertThat(e.status()).isEqualTo(500);
        assertThat(sandbox.exchanges()).hasSize(4);
    }

    @Test
    void slowAnswersTimeOut() {
        try (SandboxLambda slow = SandboxLambda.builder().slowDelay(Duration.ofSeconds(3)).start()) {
            slow.fail("slow");
            LambdaConfig config = new LambdaConfig(slow.apiKey()).withApiUrl(slow.baseUrl())
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200));
            LambdaCloudClient impatient = new LambdaCloudClient(config, sleeper.policy().withMaxAttempts(2));
            ProviderException.Transient e = catchThrowableOfType(ProviderException.Transient.class,
                    impatient::listInstances);
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains("timed out");
            assertThat(sleeper.sleeps()).hasSize(1);
        }
    }

    @Test
    void unknownStatusValuesAreToleratedAndKeptVerbatim() {
        JsonNode node = JsonHttp.JSON.readTree("{\"id\":\"abc\",\"status\":\"hibernating\",\"extra\":1}");
        LambdaInstance instance = LambdaJson.instance(node);
        assertThat(instance.status()).isEqualTo(LambdaInstanceStatus.UNKNOWN);
        assertThat(instance.describe()).contains("hibernating");
        assertThat(instance.ipAddress()).isEmpty();
    }

    @Test
    void keyComesFromTheFirstNonBlankEnvironmentVariable() {
        assertThat(LambdaConfig.fromKeys("primary-key-1", "legacy-key-2").apiKey()).isEqualTo("primary-key-1");
        assertThat(LambdaConfig.fromKeys("  ", "legacy-key-2").apiKey()).isEqualTo("legacy-key-2");
        assertThat(LambdaConfig.fromKeys(null, "legacy-key-2").apiUrl()).isEqualTo(LambdaConfig.DEFAULT_API_URL);
        assertThatThrownBy(() -> LambdaConfig.fromKeys(null, ""))
                .hasMessageContaining("LAMBDA_API_KEY")
                .hasMessageContaining("LAMBDALABS_API_KEY");
    }
}
