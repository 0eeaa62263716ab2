package dev.gpuops.sandbox.runpod;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code /v1/endpoints[/{id}]} and {@code /v1/templates[/{id}]} of the REST API. Template {@code env} is a JSON
 * object here (a list, as GraphQL wants it, is a 400), and any template change bumps the version of the endpoints
 * using it and starts a rolling release.
 */
final class RestApi {

    private static final Map<String, String> TEMPLATE_TYPES = Map.ofEntries(
            Map.entry("name", "string"), Map.entry("imageName", "string"), Map.entry("env", "object"),
            Map.entry("containerDiskInGb", "int"), Map.entry("volumeInGb", "int"),
            Map.entry("containerRegistryAuthId", "string"), Map.entry("dockerStartCmd", "strings"),
            Map.entry("dockerEntrypoint", "strings"), Map.entry("ports", "strings"), Map.entry("isPublic", "boolean"),
            Map.entry("readme", "string"), Map.entry("volumeMountPath", "string"));

    private final RunPodWorld world;

    RestApi(RunPodWorld world) {
        this.world = world;
    }

    Reply handle(SimRequest request) {
        String[] parts = request.path().replaceFirst("^/v1/?", "").split("/");
        String collection = parts[0];
        String id = parts.length > 1 ? parts[1] : null;
        if (parts.length > 2 || !(collection.equals("endpoints") || collection.equals("templates"))) {
            return Reply.message(404, "Not Found");
        }
        String route = request.method() + " " + collection + (id == null ? "" : "/{id}");
        return switch (route) {
            case "GET endpoints" -> world.apply(w -> listEndpoints(w, request));
            case "GET endpoints/{id}" -> world.apply(w -> getEndpoint(w, id, request));
            case "PATCH endpoints/{id}" -> world.apply(w -> patchEndpoint(w, id, request));
            case "GET templates" -> world.apply(RestApi::listTemplates);
            case "GET templates/{id}" -> world.apply(w -> getTemplate(w, id));
            case "PATCH templates/{id}" -> world.apply(w -> patchTemplate(w, id, request));
            default -> Reply.message(405, "Method Not Allowed");
        };
    }

    private static Reply listEndpoints(RunPodWorld w, SimRequest request) {
        ArrayNode list = Reply.JSON.createArrayNode();
        w.endpoints.values().stream().filter(e -> !e.dead()).forEach(e -> list.add(view(w, e, request)));
        return Reply.json(200, list);
    }

    private static Reply getEndpoint(RunPodWorld w, String id, SimRequest request) {
        SimEndpoint e = w.liveEndpoint(id);
        return e == null ? notFound("endpoint", id) : Reply.ok(view(w, e, request));
    }

    private static Reply patchEndpoint(RunPodWorld w, String id, SimRequest request) {
        SimEndpoint e = w.liveEndpoint(id);
        if (e == null) {
            return notFound("endpoint", id);
        }
        JsonNode body = parse(request.body());
        String problem = body == null ? "Invalid input: body must be JSON"
                : EndpointFields.checkRest(e, body, w.templates.keySet());
        if (problem != null) {
            return Reply.message(400, problem);
        }
        String oldTemplate = e.templateId;
        EndpointFields.applyRest(e, body);
        if (!oldTemplate.equals(e.templateId)) {
            w.fleet().rollingRelease(e, w.now());
        }
        w.changed(e);
        return Reply.ok(SimViews.restEndpoint(e, w.template(e.templateId), false, false,
                w.settings().dollarsPerWorkerSecond));
    }

    private static Reply listTemplates(RunPodWorld w) {
        ArrayNode list = Reply.JSON.createArrayNode();
        w.templates.values().forEach(t -> list.add(SimViews.restTemplate(t)));
        return Reply.json(200, list);
    }

    private static Reply getTemplate(RunPodWorld w, String id) {
        SimTemplate t = w.templates.get(id);
        return t == null ? notFound("template", id) : Reply.ok(SimViews.restTemplate(t));
    }

    private static Reply patchTemplate(RunPodWorld w, String id, SimRequest request) {
        SimTemplate t = w.templates.get(id);
        if (t == null) {
            return notFound("template", id);
        }
        JsonNode body = parse(request.body());
        String problem = body == null ? "Invalid input: body must be JSON" : checkTemplate(w, t, body);
        if (problem != null) {
            return Reply.message(400, problem);
        }
        String oldImage = t.imageName;
        Map<String, String> oldEnv = new LinkedHashMap<>(t.env);
        t.name = body.path("name").asString(t.name);
        t.imageName = body.path("imageName").asString(t.imageName);
        t.containerDiskInGb = body.path("containerDiskInGb").asInt(t.containerDiskInGb);
        t.volumeInGb = body.path("volumeInGb").asInt(t.volumeInGb);
        if (body.has("env")) {
            Map<String, String> env = new LinkedHashMap<>();
            body.get("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
            t.env = env;
        }
        if (!oldImage.equals(t.imageName) || !oldEnv.equals(t.env)) {
            w.release(t);
        }
        return Reply.ok(SimViews.restTemplate(t));
    }

    private static String checkTemplate(RunPodWorld w, SimTemplate t, JsonNode body) {
        if (!body.isObject()) {
            return "Invalid input: body must be a JSON object";
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String type = TEMPLATE_TYPES.get(field.getKey());
            if (type == null) {
                return "Invalid input: unknown field '" + field.getKey() + "'";
            }
            if (!EndpointFields.hasType(field.getValue(), type)) {
                return "Invalid input: '" + field.getKey() + "' must be "
                        + (type.equals("object") ? "an object of string values, e.g. {\"KEY\": \"value\"}" : type);
            }
        }
        String name = body.path("name").asString(t.name);
        boolean taken = w.templates.values().stream().anyMatch(o -> o.name.equals(name) && !o.id.equals(t.id));
        return taken ? "Invalid input: template name '" + name + "' is already used" : null;
    }

    private static JsonNode view(RunPodWorld w, SimEndpoint e, SimRequest request) {
        boolean withTemplate = request.queryParam("includeTemplate").map(Boolean::parseBoolean).orElse(false);
        boolean withWorkers = request.queryParam("includeWorkers").map(Boolean::parseBoolean).orElse(false);
        return SimViews.restEndpoint(e, w.template(e.templateId), withTemplate, withWorkers,
                w.settings().dollarsPerWorkerSecond);
    }

    private static JsonNode parse(String body) {
        try {
            return Reply.JSON.readTree(body == null ? "" : body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Reply notFound(String kind, String id) {
        return Reply.message(404, kind + " " + id + " not found");
    }
}
