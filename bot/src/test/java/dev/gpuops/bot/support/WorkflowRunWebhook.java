package dev.gpuops.bot.support;

import dev.gpuops.bot.github.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A signed GitHub {@code workflow_run} delivery as GitHub sends it: "Build and Push to GHCR" completed on main of
 * acme/image-server, which the test targets deploy from. The ITs that need one real deploy request use this.
 */
public final class WorkflowRunWebhook {

    private WorkflowRunWebhook() {
    }

    /** POSTs the delivery of workflow run {@code runId} to the bot on {@code port}, signed with {@code secret}. */
    public static HttpResponse<String> deliver(int port, String secret, String delivery, long runId)
            throws Exception {
        byte[] body = ("""
                {"action":"completed","workflow":{"name":"Build and Push to GHCR"},
                 "workflow_run":{"id":%d,"name":"Build and Push to GHCR","head_branch":"main","event":"push",
                   "conclusion":"success","run_attempt":1,"head_repository":{"full_name":"acme/image-server"}},
                 "repository":{"full_name":"acme/image-server","default_branch":"main"},
                 "sender":{"login":"octocat"}}
                """.formatted(runId)).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/github/webhook"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "workflow_run").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", new WebhookSignature(secret).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
