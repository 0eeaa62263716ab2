package dev.gpuops.provider.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Builds the two SDK clients the same way: one HTTP client, bounded timeouts, no SDK-level retries. */
final class SdkClients {

    private SdkClients() {
    }

    static SdkHttpClient http(AwsConfig config) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(config.connectTimeout())
                .socketTimeout(config.callTimeout())
                .build();
    }

    static AutoScalingClient autoScaling(AwsConfig config, SdkHttpClient http) {
        return build(AutoScalingClient.builder(), config, http);
    }

    static SsmClient ssm(AwsConfig config, SdkHttpClient http) {
        return build(SsmClient.builder(), config, http);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, AwsConfig config, SdkHttpClient http) {
        builder.httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(config.callTimeout())
                        .apiCallAttemptTimeout(config.callTimeout())
                        // our RetryPolicy retries idempotent calls with an injected sleeper; two layers would
                        // multiply attempts and make waits untestable
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .build());
        if (config.region() != null) {
            builder.region(Region.of(config.region()));
        }
        if (config.endpointOverride() != null) {
            builder.endpointOverride(config.endpointOverride());
        }
        if (config.staticCredentials()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey())));
        }
        try {
            return builder.build();
        } catch (SdkClientException e) {
            throw new IllegalStateException("cannot set up the AWS client: " + e.getMessage()
                    + "; set AWS_REGION (or aws.region on the target)", e);
        }
    }
}
