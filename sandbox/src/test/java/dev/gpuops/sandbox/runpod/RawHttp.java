package dev.gpuops.sandbox.runpod;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP caller for sandbox tests, which must not depend on our own RunPod client. */
final class RawHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Response(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final String authorization;

    RawHttp(String authorization) {
        this.authorization = authorization;
    }

    Response get(String url) {
        return send(builder(url).GET());
    }

    Response post(String url, String body) {
        return send(builder(url).POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
    }

    Response patch(String url, String body) {
        return send(builder(url).method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POSTs {@code {"query": query}} with the query JSON-escaped. */
    Response graphql(String url, String query) {
        return post(url, JSON.createObjectNode().put("query", query).toString());
    }

    private HttpRequest.Builder builder(String url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body());
            return new Response(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
