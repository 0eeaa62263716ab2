package dev.gpuops.bot.wiring;

import dev.gpuops.provider.aws.AwsConfig;
import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.lambda.LambdaConfig;
import dev.gpuops.provider.registry.RegistryClient;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.runpod.RunPodConfig;
import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.provider.vast.VastConfig;
import dev.gpuops.runbook.action.SecretSource;
import dev.gpuops.runbook.action.Services;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the provider clients the actions use. A provider without a key is left out, and its actions fail with
 * "RunPodClient is not configured… set its environment variables" instead of calling anything.
 */
final class ProviderServices {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderServices.class);

    private ProviderServices() {
    }

    static Services create(ProviderProperties props, EnvironmentSecrets secrets, SshConnector ssh) {
        Services services = new Services();
        List<String> configured = new ArrayList<>(List.of("ssh", "registry"));
        services.register(SshConnector.class, ssh);
        services.register(SecretSource.class, secrets);
        services.register(RegistryClient.class, RegistryClient.fromEnvironment(secrets.asMap()));
        if (!ProviderProperties.blank(props.runpod().apiKey())) {
            ProviderProperties.RunPod rp = props.runpod();
            services.register(RunPodClient.class, new RunPodClient(RunPodConfig.of(rp.apiKey())
                    .withUrls(or(rp.apiUrl(), RunPodConfig.DEFAULT_API_URL),
                            or(rp.graphqlUrl(), RunPodConfig.DEFAULT_GRAPHQL_URL),
                            or(rp.restUrl(), RunPodConfig.DEFAULT_REST_URL))));
            configured.add("runpod");
        }
        ProviderProperties.Lambda lp = props.lambda();
        if (!ProviderProperties.blank(lp.apiKey()) || !ProviderProperties.blank(lp.legacyApiKey())) {
            services.register(LambdaCloudClient.class, new LambdaCloudClient(
                    LambdaConfig.fromKeys(lp.apiKey(), lp.legacyApiKey())
                            .withApiUrl(or(lp.apiUrl(), LambdaConfig.DEFAULT_API_URL))));
            configured.add("lambda");
        }
        if (!ProviderProperties.blank(props.vast().apiKey())) {
            services.register(VastClient.class, new VastClient(new VastConfig(props.vast().apiKey())
                    .withApiUrl(or(props.vast().apiUrl(), VastConfig.DEFAULT_API_URL))));
            configured.add("vast");
        }
        aws(props.aws(), secrets).ifPresent(config -> {
            services.register(AwsFleetClient.class, new AwsFleetClient(config));
            configured.add("aws");
        });
        LOG.info("Provider clients configured: {}", String.join(", ", configured));
        return services;
    }

    private static java.util.Optional<AwsConfig> aws(ProviderProperties.Aws aws, EnvironmentSecrets secrets) {
        if (!ProviderProperties.blank(aws.sandboxEndpoint())) {
            return java.util.Optional.of(AwsConfig.sandbox(URI.create(aws.sandboxEndpoint())));
        }
        Map<String, String> env = secrets.asMap();
        boolean anyAws = !ProviderProperties.blank(aws.region()) || env.get("AWS_ENDPOINT_URL") != null;
        return anyAws ? java.util.Optional.of(AwsConfig.fromEnvironment(env)
                .withRegion(or(aws.region(), "us-east-1"))) : java.util.Optional.empty();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
