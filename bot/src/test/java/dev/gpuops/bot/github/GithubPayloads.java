package dev.gpuops.bot.github;

import java.util.concurrent.atomic.AtomicLong;

/** Webhook payloads shaped like GitHub's (trimmed to the fields that matter, plus some that do not). */
final class GithubPayloads {

    /** Every build is a new run (and every push a new package version) unless a test says otherwise. */
    private static final AtomicLong IDS = new AtomicLong(30433642L + System.nanoTime() % 1_000_000_000L);

    private GithubPayloads() {
    }

    static long newId() {
        return IDS.incrementAndGet();
    }

    /** A run of a push to {@code repo} itself, first attempt. */
    static String workflowRun(String action, String conclusion, String repo, String workflow, String branch) {
        return workflowRun(action, conclusion, repo, workflow, branch, "push", repo, newId(), 1);
    }

    /**
     * @param trigger  {@code workflow_run.event}: push, pull_request, workflow_dispatch…
     * @param headRepo {@code workflow_run.head_repository.full_name}: the fork for a pull request from a fork
     */
    static String workflowRun(String action, String conclusion, String repo, String workflow, String branch,
                              String trigger, String headRepo, long runId, int attempt) {
        return """
                {"action":"%s",
                 "workflow":{"id":161335,"name":"%s","path":".github/workflows/deploy.yml"},
                 "workflow_run":{"id":%d,"name":"%s","head_branch":"%s","head_sha":"acb5820ced9479c074f688cc328bf03f341a511d",
                   "event":"%s","status":"completed","conclusion":%s,"run_number":562,"run_attempt":%d,
                   "html_url":"https://github.com/%s/actions/runs/%d","display_title":"Update README.md",
                   "head_repository":{"id":17273052,"name":"image-server","full_name":"%s","fork":%s}},
                 "repository":{"id":17273051,"name":"image-server","full_name":"%s","private":true,"default_branch":"main"},
                 "sender":{"login":"octocat","id":1}}
                """.formatted(action, workflow, runId, workflow, branch, trigger,
                conclusion == null ? "null" : "\"" + conclusion + "\"", attempt, repo, runId, headRepo,
                !headRepo.equalsIgnoreCase(repo), repo);
    }

    static String registryPackage(String action, String repo, String namespace, String name, String tag) {
        return registryPackage(action, repo, namespace, name, tag, newId());
    }

    static String registryPackage(String action, String repo, String namespace, String name, String tag,
                                  long versionId) {
        return """
                {"action":"%s",
                 "registry_package":{"id":1,"name":"%s","namespace":"%s","ecosystem":"CONTAINER",
                   "package_type":"CONTAINER","html_url":"https://github.com/orgs/%s/packages/container/package/%s",
                   "package_version":{"id":%d,"version":"sha256:3da8f8a0c7fd1d1b2bd4bb3b8a8c0d5b8ad4e0ff5b7c3c6c5a1b0e2e9b1c7d1a",
                     "package_url":"ghcr.io/%s/%s:%s",
                     "container_metadata":{"tag":{"name":"%s","digest":"sha256:3da8f8a0"},"labels":{}}}},
                 "repository":{"full_name":"%s"},
                 "sender":{"login":"hubot"}}
                """.formatted(action, name, namespace, namespace, name, versionId, namespace, name, tag, tag, repo);
    }
}
