package dev.gpuops.bot.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.yaml.snakeyaml.Yaml;

/** The chart rendered by the real helm (through helm-java), every manifest parsed into fabric8's Kubernetes model. */
record RenderedChart(String text, List<HasMetadata> resources) {

    static final Path CHART = locateChart();
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Map<String, Class<? extends HasMetadata>> TYPED = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);
    /** Prometheus Operator CRDs: fabric8 has no typed model for them; their fields are checked by the test. */
    static final List<String> CUSTOM = List.of("monitoring.coreos.com/v1/ServiceMonitor",
            "monitoring.coreos.com/v1/PrometheusRule");

    static RenderedChart render(String valuesResource, Consumer<TemplateCommand> settings) {
        TemplateCommand template = new Helm(CHART).template().withName("ops").withNamespace("gpuops")
                .withValuesFile(resource(valuesResource));
        settings.accept(template);
        String text = template.call();
        List<HasMetadata> resources = new ArrayList<>();
        for (Object document : new Yaml().loadAll(text)) {
            if (document instanceof Map<?, ?> manifest) {
                resources.add(parse(manifest));
            }
        }
        return new RenderedChart(text, resources);
    }

    static RenderedChart render(String valuesResource) {
        return render(valuesResource, template -> { });
    }

    static Path resource(String name) {
        try {
            return Path.of(RenderedChart.class.getResource("/helm/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("test resource helm/" + name + " is missing", e);
        }
    }

    private static HasMetadata parse(Map<?, ?> manifest) {
        String type = manifest.get("apiVersion") + "/" + manifest.get("kind");
        Class<? extends HasMetadata> typed = TYPED.get(type);
        if (typed == null && !CUSTOM.contains(type)) {
            throw new AssertionError("the chart renders " + type + ", which this test does not know");
        }
        Class<? extends HasMetadata> target = typed == null ? GenericKubernetesResource.class : typed;
        HasMetadata resource = MAPPER.convertValue(manifest, target);
        if (typed != null) {
            List<String> unknown = StrictModel.unknownFields(resource);
            if (!unknown.isEmpty()) {
                throw new AssertionError(type + " " + resource.getMetadata().getName()
                        + " has fields Kubernetes does not know: " + unknown);
            }
        }
        return resource;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size());
        }
        return found.getFirst();
    }

    Optional<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).findFirst();
    }

    private static Path locateChart() {
        for (Path candidate : List.of(Path.of("helm", "gpuops"), Path.of("..", "helm", "gpuops"))) {
            if (Files.isRegularFile(candidate.resolve("Chart.yaml"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("helm/gpuops/Chart.yaml not found from " + Path.of("").toAbsolutePath());
    }
}
