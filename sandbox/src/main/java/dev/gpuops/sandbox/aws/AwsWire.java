package dev.gpuops.sandbox.aws;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Request decoding, account-wide faults and response encoding for both AWS protocols. */
final class AwsWire {

    static final String JSON_TYPE = "application/x-amz-json-1.1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Reply(String protocol, String operation, int status, String contentType, String body) {
    }

    private AwsWire() {
    }

    static Reply query(AutoScalingQuery query, AwsFaults faults, byte[] body, String requestId) {
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        String action = form.getOrDefault("Action", "?");
        try {
            accountFaults(faults, action, "autoscaling", false);
            QueryXml result = query.handle(action, form);
            return new Reply("query", action, 200, "text/xml", QueryXml.response(action, requestId, result));
        } catch (AwsError e) {
            return queryError(e, requestId, action);
        }
    }

    static Reply queryError(AwsError error, String requestId, String action) {
        return new Reply("query", action, error.status(), "text/xml", QueryXml.error(error, requestId));
    }

    static Reply json(SsmJson ssm, AwsFaults faults, String target, byte[] body, String requestId) {
        String operation = target.startsWith(SsmJson.TARGET_PREFIX)
                ? target.substring(SsmJson.TARGET_PREFIX.length()) : target;
        try {
            if (!target.startsWith(SsmJson.TARGET_PREFIX)) {
                throw AwsError.sender("UnknownOperationException", null);
            }
            accountFaults(faults, operation, "ssm", true);
            JsonNode input = body.length == 0 ? JsonNodeFactory.instance.objectNode() : JSON.readTree(body);
            return new Reply("json", operation, 200, JSON_TYPE, JSON.writeValueAsString(ssm.handle(operation, input)));
        } catch (AwsError e) {
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            error.put("__type", e.code());
            if (e.getMessage() != null) {
                error.put("message", e.getMessage());
            }
            return new Reply("json", operation, e.status(), JSON_TYPE, JSON.writeValueAsString(error));
        } catch (RuntimeException e) {
            return new Reply("json", operation, 400, JSON_TYPE,
                    "{\"__type\":\"SerializationException\",\"message\":\"Start of structure or map found where not"
                            + " expected.\"}");
        }
    }

    /** Faults that hit every operation of the account: throttling, missing permissions, expired tokens. */
    private static void accountFaults(AwsFaults faults, String operation, String service, boolean json) {
        if (faults.consume(AwsFault.THROTTLE, operation)) {
            throw AwsError.sender(json ? "ThrottlingException" : "Throttling", "Rate exceeded");
        }
        if (faults.consume(AwsFault.ACCESS_DENIED, operation)) {
            throw new AwsError(json ? 400 : 403, json ? "AccessDeniedException" : "AccessDenied",
                    "User: arn:aws:iam::" + AutoScalingState.ACCOUNT + ":user/gpuops is not authorized to perform: "
                            + service + ":" + operation + " because no identity-based policy allows the " + service
                            + ":" + operation + " action", true);
        }
        if (faults.consume(AwsFault.EXPIRED_TOKEN, operation)) {
            throw new AwsError(json ? 400 : 403, json ? "ExpiredTokenException" : "ExpiredToken",
                    "The security token included in the request is expired", true);
        }
    }

    static void send(HttpExchange exchange, Reply reply, String requestId) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (reply.status() >= 400 && reply.protocol().equals("json")) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType(reply.body()));
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String errorType(String body) {
        return JSON.readTree(body).path("__type").asString("");
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }
}
