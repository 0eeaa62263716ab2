package dev.gpuops.provider.runpod;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** RunPod's GraphQL API. Queries are retried like any read; saves are not. */
final class RunPodGraphql {

    private static final String ENDPOINT_FIELDS =
            "id name gpuIds idleTimeout scalerType scalerValue templateId workersMin workersMax env { key value }";
    private static final String TEMPLATE_FIELDS =
            "id name imageName containerDiskInGb volumeInGb dockerArgs env { key value }";

    private final JsonHttp http;
    private final URI uri;
    private final Function<URI, HttpRequest.Builder> requests;

    RunPodGraphql(JsonHttp http, String graphqlUrl, Function<URI, HttpRequest.Builder> requests) {
        this.http = http;
        this.uri = URI.create(graphqlUrl);
        this.requests = requests;
    }

    List<Endpoint> myEndpoints() {
        JsonNode data = execute("query { myself { endpoints { " + ENDPOINT_FIELDS + " } } }", true);
        List<Endpoint> endpoints = new ArrayList<>();
        data.path("myself").path("endpoints").forEach(n -> endpoints.add(Endpoint.from(n)));
        return endpoints;
    }

    Endpoint saveEndpoint(EndpointUpdate update) {
        String query = "mutation { saveEndpoint(input: " + GraphqlLiteral.of(update.fields()) + ") { "
                + ENDPOINT_FIELDS + " } }";
        return Endpoint.from(field(execute(query, false), "saveEndpoint"));
    }

    Template saveTemplate(TemplateUpdate update) {
        String query = "mutation { saveTemplate(input: " + GraphqlLiteral.of(update.fields()) + ") { "
                + TEMPLATE_FIELDS + " } }";
        return Template.from(field(execute(query, false), "saveTemplate"));
    }

    private JsonNode execute(String query, boolean idempotent) {
        HttpRequest.Builder request = requests.apply(uri)
                .POST(JsonHttp.jsonBody(JsonHttp.JSON.createObjectNode().put("query", query)));
        JsonNode response = http.sendJson(request, idempotent);
        if (response.path("errors").isArray() && !response.path("errors").isEmpty()) {
            throw fromErrors(response.path("errors"));
        }
        return response.path("data");
    }

    private static JsonNode field(JsonNode data, String name) {
        JsonNode value = data.path(name);
        if (!value.isObject()) {
            throw new ProviderException.Transient(RunPodErrorMapper.PROVIDER, 200, null,
                    "GraphQL " + name + " returned no data and no error", null);
        }
        return value;
    }

    /** GraphQL reports most failures in an HTTP 200; they still need the sealed types. */
    static ProviderException fromErrors(JsonNode errors) {
        List<String> messages = new ArrayList<>();
        errors.forEach(e -> messages.add(e.path("message").asString(e.toString())));
        String text = Redactor.redact(JsonHttp.abbreviate(String.join("; ", messages)));
        String lower = text.toLowerCase(Locale.ROOT);
        String p = RunPodErrorMapper.PROVIDER;
        if (lower.contains("unauthorized") || lower.contains("api key")) {
            return new ProviderException.Auth(p, 200, null, "GraphQL refused the API key: " + text);
        }
        if (lower.contains("not found")) {
            return new ProviderException.NotFound(p, 200, null, "GraphQL: " + text);
        }
        return new ProviderException.Permanent(p, 200, null, "GraphQL error: " + text);
    }
}
