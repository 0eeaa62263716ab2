package dev.gpuops.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.provider.support.ProviderException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {

    static AwsServiceException service(String code, int status) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("msg for " + code).build())
                .statusCode(status).requestId("req-1").build();
    }

    @ParameterizedTest
    @CsvSource({
            "ParameterNotFound, 400, NotFound",
            "InvocationDoesNotExist, 400, NotFound",
            "Throttling, 400, RateLimited",
            "ThrottlingException, 400, RateLimited",
            "ScalingActivityInProgress, 400, Transient",
            "ResourceContention, 500, Transient",
            "InternalFailure, 500, Transient",
            "InstanceRefreshInProgress, 400, Permanent",
            "ParameterAlreadyExists, 400, Permanent",
            "ValidationError, 400, Permanent",
            "AccessDenied, 403, Auth",
            "AccessDeniedException, 400, Auth",
            "UnrecognizedClientException, 400, Auth",
            "ExpiredToken, 403, Auth",
            "ExpiredTokenException, 400, Auth",
            "LimitExceeded, 400, Capacity"
    })
    void mapsErrorCodesToTheSealedFailures(String code, int status, String type) {
        ProviderException mapped = AwsErrors.fromService("Op thing", service(code, status));

        assertThat(mapped.getClass().getSimpleName()).isEqualTo(type);
        assertThat(mapped.provider()).isEqualTo("aws");
        assertThat(mapped.status()).isEqualTo(status);
        assertThat(mapped.requestId()).contains("req-1");
        assertThat(mapped).hasMessageContaining("Op thing failed: " + code);
        assertThat(mapped.getCause()).isNull();
    }

    @Test
    void connectAndTimeoutFailuresAreTransientWithStatusZero() {
        ProviderException refused = AwsErrors.fromClient("GetParameter x",
                SdkClientException.builder().message("Unable to execute HTTP request").cause(
                        new ConnectException("Connection refused")).build());
        ProviderException timeout = AwsErrors.fromClient("GetParameter x",
                ApiCallTimeoutException.builder().message("Client execution did not complete").build());

        assertThat(refused).isInstanceOf(ProviderException.Transient.class).hasMessageContaining("could not connect");
        assertThat(refused.status()).isZero();
        assertThat(timeout).isInstanceOf(ProviderException.Transient.class).hasMessageContaining("timed out");
    }

    @Test
    void missingCredentialsIsAuthWithWhatToSet() {
        ProviderException mapped = AwsErrors.fromClient("GetParameter x", SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain"));

        assertThat(mapped).isInstanceOf(ProviderException.Auth.class).hasMessageContaining("AWS_ACCESS_KEY_ID");
    }

    @Test
    void configFromEnvironmentReadsRegionAndExplicitEndpointAndHidesSecrets() {
        AwsConfig config = AwsConfig.fromEnvironment(Map.of("AWS_DEFAULT_REGION", "eu-west-1",
                "GPUOPS_AWS_ENDPOINT", "http://127.0.0.1:4566"));
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.endpointOverride()).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(config.staticCredentials()).isFalse();
        assertThat(AwsConfig.fromEnvironment(Map.of("AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "eu-west-1"))
                .region()).isEqualTo("us-west-2");

        AwsConfig sandbox = new AwsConfig("us-east-1", null, "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYsecret",
                config.connectTimeout(), config.callTimeout(), config.retry(), 3, config.invocationDelay());
        assertThat(sandbox.toString()).contains("static").doesNotContain("wJalrXUtnFEMI").doesNotContain("AKIDEXAMPLE");
    }

    @Test
    void unknownStatusesParseAsUnknown() {
        assertThat(RefreshStatus.parse("RollbackSuccessful")).isEqualTo(RefreshStatus.ROLLBACK_SUCCESSFUL);
        assertThat(RefreshStatus.parse("Baking").terminal()).isFalse();
        assertThat(RefreshStatus.parse("SomethingNew")).isEqualTo(RefreshStatus.UNKNOWN);
        assertThat(RefreshStatus.ROLLBACK_FAILED.unsuccessful()).isTrue();
        assertThat(CommandStatus.parse("TimedOut").terminal()).isTrue();
        assertThat(CommandStatus.parse("Delayed").terminal()).isFalse();
        assertThat(CommandStatus.parse(null)).isEqualTo(CommandStatus.UNKNOWN);
        assertThat(ParameterType.parse("SecureString")).isEqualTo(ParameterType.SECURE_STRING);
    }
}
