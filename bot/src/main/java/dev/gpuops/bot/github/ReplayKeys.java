package dev.gpuops.bot.github;

import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a deploy is deduplicated on besides {@code X-GitHub-Delivery}: fields inside the signed body. A captured
 * delivery replayed with a fresh delivery id (or GitHub's "redeliver" button) carries the same run or package version,
 * so it deploys nothing the second time. A re-run of the workflow is a new attempt and deploys again.
 */
final class ReplayKeys {

    private ReplayKeys() {
    }

    /** {@code workflow_run:<repo>:<run id>:<attempt>} or {@code package:<version id>:<tag>}; empty when absent. */
    static Optional<String> of(String event, JsonNode payload) {
        if ("workflow_run".equals(event)) {
            JsonNode run = payload.path("workflow_run");
            String repo = text(payload.path("repository").path("full_name"));
            String id = number(run.path("id"));
            String attempt = number(run.path("run_attempt"));
            return repo == null || id == null || attempt == null ? Optional.empty()
                    : Optional.of("workflow_run:" + repo.toLowerCase(Locale.ROOT) + ":" + id + ":" + attempt);
        }
        JsonNode version = payload.path(event).path("package_version");
        String id = number(version.path("id"));
        String tag = text(version.path("container_metadata").path("tag").path("name"));
        return id == null ? Optional.empty() : Optional.of("package:" + id + ":" + (tag == null ? "" : tag));
    }

    private static String number(JsonNode node) {
        return node.isIntegralNumber() ? node.asString() : null;
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }
}
