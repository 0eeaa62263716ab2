package dev.gpuops.bot.github;

import tools.jackson.databind.JsonNode;

/**
 * Which workflow runs may deploy at all. A {@code workflow_run} is signed by GitHub but describes code someone else
 * may have written: a pull request from a fork runs the same workflow, on a branch of the same name, with the fork's
 * code. Only a run triggered by a push to this very repository deploys.
 */
final class WorkflowRunRules {

    private WorkflowRunRules() {
    }

    /** Why this run must not deploy, or null when it may. */
    static Translation refusal(JsonNode payload) {
        JsonNode run = payload.path("workflow_run");
        String trigger = text(run.path("event"));
        if (!"push".equals(trigger)) {
            return new Translation.Ignored("workflow run triggered by '" + trigger
                    + "': only runs triggered by a push deploy");
        }
        String repo = text(payload.path("repository").path("full_name"));
        String head = text(run.path("head_repository").path("full_name"));
        if (repo == null || !repo.equalsIgnoreCase(head)) {
            return new Translation.Ignored("workflow run built " + (head == null ? "an unnamed repository" : head)
                    + ", not " + repo + " itself: runs from forks never deploy");
        }
        return null;
    }

    /**
     * The subscription's branch, or the repository's default branch when the subscription names none. With neither
     * known nothing matches: deploying every branch is never the default.
     */
    static boolean branchMatches(String subscribed, String defaultBranch, String built) {
        String wanted = subscribed != null ? subscribed : defaultBranch;
        return wanted != null && wanted.equals(built);
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }
}
