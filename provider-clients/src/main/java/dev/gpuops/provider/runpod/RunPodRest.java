package dev.gpuops.provider.runpod;

import dev.gpuops.provider.support.JsonHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/** RunPod's REST v1 API: partial PATCH updates, and template env as a JSON object. */
final class RunPodRest {

    private final JsonHttp http;
    private final String base;
    private final Function<URI, HttpRequest.Builder> requests;

    RunPodRest(JsonHttp http, String restUrl, Function<URI, HttpRequest.Builder> requests) {
        this.http = http;
        this.base = restUrl;
        this.requests = requests;
    }

    Endpoint getEndpoint(String id) {
        return Endpoint.from(http.sendJson(requests.apply(JsonHttp.join(base, "/endpoints/" + id)).GET(), true));
    }

    Endpoint patchEndpoint(String id, EndpointPatch patch) {
        HttpRequest.Builder request = requests.apply(JsonHttp.join(base, "/endpoints/" + id))
                .method("PATCH", JsonHttp.jsonBody(patch.toJson()));
        return Endpoint.from(http.sendJson(request, false));
    }

    Template getTemplate(String id) {
        return Template.from(http.sendJson(requests.apply(JsonHttp.join(base, "/templates/" + id)).GET(), true));
    }

    /** REST wants {@code env} as {@code {"KEY":"value"}}; the list GraphQL takes is a 400 here. */
    Template patchTemplate(String id, String imageName, Map<String, String> env) {
        ObjectNode body = JsonHttp.JSON.createObjectNode();
        if (imageName != null) {
            body.put("imageName", imageName);
        }
        if (env != null) {
            ObjectNode envObject = body.putObject("env");
            env.forEach(envObject::put);
        }
        HttpRequest.Builder request = requests.apply(JsonHttp.join(base, "/templates/" + id))
                .method("PATCH", JsonHttp.jsonBody(body));
        return Template.from(http.sendJson(request, false));
    }
}
