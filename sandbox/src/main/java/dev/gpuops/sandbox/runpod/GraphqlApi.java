package dev.gpuops.sandbox.runpod;

import dev.gpuops.sandbox.runpod.GraphqlParser.Field;
import dev.gpuops.sandbox.runpod.GraphqlParser.Operation;
import dev.gpuops.sandbox.runpod.GraphqlSchema.ValidationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /graphql}: {@code myself { endpoints … podTemplates … }}, {@code saveEndpoint} and {@code saveTemplate}.
 * Syntax and validation errors are HTTP 400 with {@code errors}; resolver errors (unknown id, duplicate name) are
 * HTTP 200 with {@code errors} and a null field, as GraphQL servers do.
 */
final class GraphqlApi {

    /** A resolver refusing one field; the rest of the response still renders. */
    private static final class ResolverError extends RuntimeException {
        ResolverError(String message) {
            super(message);
        }
    }

    private final RunPodWorld world;

    GraphqlApi(RunPodWorld world) {
        this.world = world;
    }

    Reply handle(SimRequest request) {
        if (!request.method().equals("POST")) {
            return errors(405, List.of("GraphQL requests must be POST"));
        }
        Operation op;
        try {
            JsonNode body = Reply.JSON.readTree(request.body() == null ? "" : request.body());
            if (!body.path("query").isString()) {
                return errors(400, List.of("Must provide query string."));
            }
            op = GraphqlParser.parse(body.path("query").asString(), toJava(body.path("variables")));
        } catch (GraphqlSyntaxError e) {
            return errors(400, List.of(e.getMessage()));
        } catch (RuntimeException e) {
            return errors(400, List.of("POST body must be JSON: {\"query\": \"…\"}"));
        }
        try {
            return world.apply(w -> execute(w, op));
        } catch (ValidationError e) {
            return errors(400, List.of(e.getMessage()));
        }
    }

    private Reply execute(RunPodWorld w, Operation op) {
        // the whole document is validated before anything executes, so a bad selection never half-applies a save
        op.selections().forEach(f -> GraphqlSchema.validate(rootType(op.type(), f), f.selections()));
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (Field f : op.selections()) {
            try {
                data.put(f.responseKey(), resolve(w, op.type(), f));
            } catch (ResolverError e) {
                data.put(f.responseKey(), null);
                errors.add(e.getMessage());
            }
        }
        ObjectNode body = Reply.object();
        if (!errors.isEmpty()) {
            ArrayNode list = body.putArray("errors");
            errors.forEach(m -> list.addObject().put("message", m));
        }
        body.set("data", Reply.JSON.valueToTree(data));
        return Reply.ok(body);
    }

    private static String rootType(String opType, Field f) {
        return switch (opType + "." + f.name()) {
            case "query.myself" -> "User";
            case "mutation.saveEndpoint" -> {
                GraphqlSchema.coerceInput("EndpointInput", f.args().get("input"));
                yield "Endpoint";
            }
            case "mutation.saveTemplate" -> {
                GraphqlSchema.coerceInput("PodTemplateInput", f.args().get("input"));
                yield "PodTemplate";
            }
            default -> throw new ValidationError("Cannot query field \"" + f.name() + "\" on type \""
                    + (opType.equals("query") ? "Query" : "Mutation") + "\".");
        };
    }

    private Object resolve(RunPodWorld w, String opType, Field f) {
        String key = opType + "." + f.name();
        return switch (key) {
            case "query.myself" -> GraphqlSchema.project("User", myself(w), f.selections());
            case "mutation.saveEndpoint" -> GraphqlSchema.project("Endpoint",
                    saveEndpoint(w, GraphqlSchema.coerceInput("EndpointInput", f.args().get("input"))),
                    f.selections());
            case "mutation.saveTemplate" -> GraphqlSchema.project("PodTemplate",
                    saveTemplate(w, GraphqlSchema.coerceInput("PodTemplateInput", f.args().get("input"))),
                    f.selections());
            default -> throw new IllegalStateException("validated already: " + key);
        };
    }

    private static Map<String, Object> myself(RunPodWorld w) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", "user_sandbox");
        user.put("email", "ops@example.com");
        List<Object> endpoints = new ArrayList<>();
        w.endpoints.values().stream().filter(e -> !e.dead())
                .forEach(e -> endpoints.add(SimViews.graphqlEndpoint(e, w.template(e.templateId))));
        user.put("endpoints", endpoints);
        List<Object> templates = new ArrayList<>();
        w.templates.values().forEach(t -> templates.add(SimViews.graphqlTemplate(t)));
        user.put("podTemplates", templates);
        return user;
    }

    private static Map<String, Object> saveEndpoint(RunPodWorld w, Map<String, Object> in) {
        String templateId = (String) in.get("templateId");
        if (!w.templates.containsKey(templateId)) {
            throw new ResolverError("Template " + templateId + " not found");
        }
        SimEndpoint e;
        String id = (String) in.get("id");
        if (id != null) {
            e = w.liveEndpoint(id);
            if (e == null) {
                throw new ResolverError("Endpoint " + id + " not found");
            }
        } else {
            e = new SimEndpoint(w.newId(14), (String) in.get("name"), templateId);
            w.endpoints.put(e.id, e);
        }
        int min = (Integer) in.getOrDefault("workersMin", e.workersMin);
        int max = (Integer) in.getOrDefault("workersMax", e.workersMax);
        if (min < 0 || max < 0 || min > max) {
            throw new ResolverError("workersMin must be between 0 and workersMax (got " + min + " and " + max + ")");
        }
        boolean newTemplate = !templateId.equals(e.templateId);
        EndpointFields.apply(e, in);
        if (newTemplate) {
            w.fleet().rollingRelease(e, w.now());
        }
        w.changed(e);
        return SimViews.graphqlEndpoint(e, w.template(e.templateId));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> saveTemplate(RunPodWorld w, Map<String, Object> in) {
        String id = (String) in.get("id");
        String name = (String) in.get("name");
        boolean nameTaken = w.templates.values().stream()
                .anyMatch(t -> t.name.equals(name) && !t.id.equals(id));
        if (nameTaken) {
            throw new ResolverError("Template name must be unique: " + name + " is already used");
        }
        SimTemplate t;
        if (id != null) {
            t = w.templates.get(id);
            if (t == null) {
                throw new ResolverError("Template " + id + " not found");
            }
        } else {
            t = new SimTemplate(w.newId(10), name, (String) in.get("imageName"));
            w.templates.put(t.id, t);
        }
        Map<String, String> oldEnv = new LinkedHashMap<>(t.env);
        String oldImage = t.imageName;
        t.name = name;
        t.imageName = (String) in.get("imageName");
        t.containerDiskInGb = (Integer) in.get("containerDiskInGb");
        t.volumeInGb = (Integer) in.get("volumeInGb");
        t.dockerArgs = Objects.requireNonNullElse((String) in.get("dockerArgs"), t.dockerArgs);
        if (in.get("env") != null) {
            Map<String, String> env = new LinkedHashMap<>();
            for (Object pair : (List<Object>) in.get("env")) {
                Map<String, Object> kv = (Map<String, Object>) pair;
                env.put((String) kv.get("key"), (String) kv.get("value"));
            }
            t.env = env;
        }
        if (!oldImage.equals(t.imageName) || !oldEnv.equals(t.env)) {
            w.release(t);
        }
        return SimViews.graphqlTemplate(t);
    }

    private static Map<String, Object> toJava(JsonNode variables) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (variables != null && variables.isObject()) {
            variables.properties().forEach(e -> out.put(e.getKey(), javaValue(e.getValue())));
        }
        return out;
    }

    private static Object javaValue(JsonNode node) {
        if (node.isObject()) {
            return toJava(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(javaValue(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isNull() ? null : node.asString();
    }

    private static Reply errors(int status, List<String> messages) {
        ObjectNode body = Reply.object();
        ArrayNode list = body.putArray("errors");
        messages.forEach(m -> list.addObject().put("message", m));
        return Reply.json(status, body);
    }
}
