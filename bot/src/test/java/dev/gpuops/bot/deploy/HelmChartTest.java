package dev.gpuops.bot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class HelmChartTest {

    private static final Pattern CREDENTIAL = Pattern.compile(".*(SECRET|TOKEN|PASSWORD|JAAS|API_KEY|ACCESS_KEY).*");

    @TempDir
    Path temp;

    @Test
    void lintsCleanUnderStrictModeWithTheRequiredValues() throws Exception {
        // helm lint has no --values in helm-java: lint a copy whose values.yaml carries the required values
        Path chart = copyChart(temp.resolve("gpuops"));
        Yaml yaml = new Yaml();
        Map<String, Object> values = yaml.load(Files.readString(chart.resolve("values.yaml")));
        Map<String, Object> required = yaml.load(Files.readString(RenderedChart.resource("minimal-values.yaml")));
        required.forEach((key, value) -> values.merge(key, value, (old, given) -> {
            map(old).putAll(map(given));
            return old;
        }));
        Files.writeString(chart.resolve("values.yaml"), yaml.dump(values));

        LintResult lint = new Helm(chart).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void lintWithoutBootstrapServersFails() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
        assertThat(lint.isFailed()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("bootstrapServers");
    }

    @Test
    void installWithoutBootstrapServersFailsSayingSo() {
        assertThatThrownBy(() -> RenderedChart.render("no-kafka-values.yaml"))
                .hasMessageContaining("bootstrapServers");
    }

    @Test
    void schemaRejectsReplicasGivenAsString() {
        assertThatThrownBy(() -> RenderedChart.render("string-replicas-values.yaml"))
                .hasMessageContaining("replicaCount");
    }

    @Test
    void defaultsRenderAHardenedDeploymentOnTheGivenKafka() {
        RenderedChart chart = RenderedChart.render("minimal-values.yaml");
        Deployment deployment = chart.one(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container app = pod.getContainers().getFirst();

        assertThat(env(app, "KAFKA_BOOTSTRAP_SERVERS").getValue()).isEqualTo("my-cluster-kafka-bootstrap.kafka:9092");
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(app.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(app.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(app.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(app.getResources().getLimits()).containsKey("memory");
        // above the app's 30 s shutdown grace, so Kubernetes never kills a pod that is still finishing a step
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(30L);
        Volume tmp = volume(pod, "tmp");
        assertThat(tmp.getEmptyDir()).isNotNull();
        assertThat(app.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(chart.all(Ingress.class)).isEmpty();
        assertThat(chart.all(NetworkPolicy.class)).isEmpty();
        assertThat(chart.custom("ServiceMonitor")).isEmpty();
        assertThat(chart.resources()).extracting(r -> r.getKind())
                .contains("Service", "ServiceAccount", "PodDisruptionBudget", "ConfigMap");
    }

    @Test
    void probesPointAtTheActuatorGroupsTheAppServes() {
        Map<String, Object> app = new Yaml().load(getClass().getClassLoader().getResourceAsStream("application.yaml"));
        Map<?, ?> management = (Map<?, ?>) app.get("management");
        Map<?, ?> health = (Map<?, ?>) ((Map<?, ?>) management.get("endpoint")).get("health");
        assertThat(((Map<?, ?>) health.get("probes")).get("enabled")).isEqualTo(true);
        String basePath = placeholderDefault(((Map<?, ?>) ((Map<?, ?>) management.get("endpoints")).get("web"))
                .get("base-path"));
        String port = String.valueOf(((Map<?, ?>) management.get("server")).get("port"));
        assertThat(port).startsWith("${GPUOPS_MANAGEMENT_PORT");

        Container container = RenderedChart.render("minimal-values.yaml").one(Deployment.class)
                .getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo(basePath + "/health/liveness");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo(basePath + "/health/readiness");
        assertThat(env(container, "GPUOPS_MANAGEMENT_BASE_PATH").getValue()).isEqualTo(basePath);
        int managementPort = Integer.parseInt(env(container, "GPUOPS_MANAGEMENT_PORT").getValue());
        assertThat(container.getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("management");
            assertThat(p.getContainerPort()).isEqualTo(managementPort);
        });
        assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }

    @Test
    void everyOptionalFeatureRendersValidManifests() {
        RenderedChart chart = RenderedChart.render("all-features-values.yaml");
        PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
        Container app = pod.getContainers().getFirst();

        assertThat(chart.one(Ingress.class).getSpec().getRules().getFirst().getHttp().getPaths())
                .extracting(HTTPIngressPath::getPath).containsExactly("/slack/events", "/github/webhook");
        assertThat(volume(pod, "ssh").getSecret().getDefaultMode()).isEqualTo(0400);
        assertThat(volume(pod, "kafka-tls").getSecret().getDefaultMode()).isEqualTo(0400);
        assertThat(env(app, "KAFKA_SSL_TRUSTSTORE_LOCATION").getValue()).startsWith("/etc/gpuops/kafka-tls/");
        assertThat(app.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/app/runbooks/restart-custom.yaml");
            assertThat(m.getSubPath()).isEqualTo("restart-custom.yaml");
        });
        assertThat(chart.all(ConfigMap.class)).extracting(c -> c.getMetadata().getName())
                .contains("ops-gpuops-targets", "ops-gpuops-runbooks", "ops-gpuops-dashboard");
        assertThat(chart.one(NetworkPolicy.class).getSpec().getIngress()).hasSize(2);

        GenericKubernetesResource monitor = chart.custom("ServiceMonitor").orElseThrow();
        Map<String, Object> monitorSpec = map(monitor.getAdditionalProperties().get("spec"));
        assertThat(monitorSpec.keySet()).containsExactlyInAnyOrder("selector", "endpoints");
        Map<String, Object> endpoint = map(((List<?>) monitorSpec.get("endpoints")).getFirst());
        assertThat(endpoint.keySet()).isSubsetOf("port", "path", "interval");
        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");

        GenericKubernetesResource rule = chart.custom("PrometheusRule").orElseThrow();
        List<?> groups = (List<?>) ((Map<?, ?>) rule.getAdditionalProperties().get("spec")).get("groups");
        List<?> rules = (List<?>) ((Map<?, ?>) groups.getFirst()).get("rules");
        assertThat(rules).allSatisfy(r -> assertThat(map(r).keySet())
                .isSubsetOf("alert", "expr", "for", "labels", "annotations"));
        assertThat(rules.stream().map(r -> String.valueOf(map(r).get("alert"))).toList())
                .contains("GpuopsConsumerLag", "GpuopsSlackApiErrors", "GpuopsNoSuccessfulProbe");
    }

    @Test
    void everyEnvironmentNameIsOneTheAppReads() {
        AppEnvironment environment = new AppEnvironment();
        RenderedChart chart = RenderedChart.render("all-features-values.yaml");
        Container app = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().getFirst();
        Set<String> containerSecretEnv = containerSecretEnv(chart);

        assertThat(app.getEnv()).extracting(EnvVar::getName).allSatisfy(name -> assertThat(
                environment.reads(name) || containerSecretEnv.contains(name))
                .as("%s is not read by gpuops (not in application.yaml, README configuration, Spring Boot's "
                        + "properties, or a target's container.secretEnv)", name).isTrue());
        assertThat(environment.reads("GPUOPS_NOT_A_SETTING")).isFalse();
        assertThat(environment.reads("LOGGING_STRUCTURED_FORMAT_CONSOLE")).isTrue();
        assertThat(environment.declaredNames()).contains("SLACK_BOT_TOKEN", "AWS_ACCESS_KEY_ID");
    }

    @Test
    void credentialsAreReferencedFromSecretsNeverInlined() {
        RenderedChart chart = RenderedChart.render("all-features-values.yaml");
        assertThat(chart.resources()).extracting(r -> r.getKind()).doesNotContain("Secret");
        Container app = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().getFirst();
        List<EnvVar> credentials = app.getEnv().stream().filter(e -> CREDENTIAL.matcher(e.getName()).matches())
                .toList();
        assertThat(credentials).extracting(EnvVar::getName).contains("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN",
                "GITHUB_WEBHOOK_SECRET", "RUNPOD_API_KEY", "LAMBDA_API_KEY", "VAST_API_KEY", "AWS_SECRET_ACCESS_KEY",
                "GHCR_TOKEN", "REGISTRY_PASSWORD", "KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_PASSWORD",
                "HF_TOKEN");
        assertThat(credentials).allSatisfy(e -> {
            assertThat(e.getValue()).as(e.getName()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).as(e.getName()).isNotBlank();
        });
    }

    @Test
    void socketModeNeedsNoIngressAndRefusesOne() {
        RenderedChart chart = RenderedChart.render("minimal-values.yaml", t -> t.set("slack.socketMode", "true")
                .set("networkPolicy.enabled", "true"));
        Container app = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(env(app, "SLACK_APP_TOKEN").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("app-token");
        assertThat(chart.one(NetworkPolicy.class).getSpec().getIngress()).hasSize(1);
        assertThatThrownBy(() -> RenderedChart.render("minimal-values.yaml",
                t -> t.set("slack.socketMode", "true").set("ingress.enabled", "true")))
                .hasMessageContaining("ingress.enabled must be false with slack.socketMode");
    }

    @Test
    void httpModeGetsNoAppTokenSoTheBotDoesNotAlsoConnectOverSocketMode() {
        RenderedChart chart = RenderedChart.render("minimal-values.yaml", t -> t.set("networkPolicy.enabled", "true"));
        Container app = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(app.getEnv()).extracting(EnvVar::getName).doesNotContain("SLACK_APP_TOKEN")
                .contains("SLACK_SIGNING_SECRET");
        assertThat(chart.one(NetworkPolicy.class).getSpec().getIngress()).as("HTTP from the ingress controller too")
                .hasSize(2);
    }

    @Test
    void grafanaDashboardIsValidJson() throws Exception {
        String json = Files.readString(RenderedChart.CHART.resolve("dashboards/gpuops.json"));
        var dashboard = new ObjectMapper().readTree(json);
        assertThat(dashboard.path("panels").size()).isGreaterThan(5);
        assertThat(json).contains("gpuops_commands_total", "gpuops_slack_api_calls_total",
                "kafka_consumer_fetch_manager_records_lag_max");
    }

    private static Path copyChart(Path to) throws IOException {
        try (var files = Files.walk(RenderedChart.CHART)) {
            for (Path from : files.toList()) {
                Path target = to.resolve(RenderedChart.CHART.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(from, target);
                }
            }
        }
        return to;
    }

    private static Set<String> containerSecretEnv(RenderedChart chart) {
        ConfigMap targets = chart.all(ConfigMap.class).stream()
                .filter(c -> c.getData().containsKey("targets.yaml")).findFirst().orElseThrow();
        Map<?, ?> file = new Yaml().load(targets.getData().get("targets.yaml"));
        return ((Map<?, ?>) file.get("targets")).values().stream()
                .map(t -> (Map<?, ?>) ((Map<?, ?>) t).get("container"))
                .filter(c -> c != null && c.get("secretEnv") instanceof List<?>)
                .flatMap(c -> ((List<?>) c.get("secretEnv")).stream().map(String::valueOf))
                .collect(java.util.stream.Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String placeholderDefault(Object value) {
        String text = String.valueOf(value);
        return text.startsWith("${") ? text.substring(text.indexOf(':') + 1, text.length() - 1) : text;
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.getEnv()));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }
}
