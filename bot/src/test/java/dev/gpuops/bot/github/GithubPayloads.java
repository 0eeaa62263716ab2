package dev.gpuops.bot.github;

/** Webhook payloads shaped like GitHub's (trimmed to the fields that matter, plus some that do not). */
final class GithubPayloads {

    private GithubPayloads() {
    }

    static String workflowRun(String action, String conclusion, String repo, String workflow, String branch) {
        return """
                {"action":"%s",
                 "workflow":{"id":161335,"name":"%s","path":".github/workflows/deploy.yml"},
                 "workflow_run":{"id":30433642,"name":"%s","head_branch":"%s","head_sha":"acb5820ced9479c074f688cc328bf03f341a511d",
                   "event":"push","status":"completed","conclusion":%s,"run_number":562,"run_attempt":1,
                   "html_url":"https://github.com/%s/actions/runs/30433642","display_title":"Update README.md"},
                 "repository":{"id":17273051,"name":"image-server","full_name":"%s","private":true},
                 "sender":{"login":"octocat","id":1}}
                """.formatted(action, workflow, workflow, branch,
                conclusion == null ? "null" : "\"" + conclusion + "\"", repo, repo);
    }

    static String registryPackage(String action, String repo, String namespace, String name, String tag) {
        return """
                {"action":"%s",
                 "registry_package":{"id":1,"name":"%s","namespace":"%s","ecosystem":"CONTAINER",
                   "package_type":"CONTAINER","html_url":"https://github.com/orgs/%s/packages/container/package/%s",
                   "package_version":{"id":2,"version":"sha256:3da8f8a0c7fd1d1b2bd4bb3b8a8c0d5b8ad4e0ff5b7c3c6c5a1b0e2e9b1c7d1a",
                     "package_url":"ghcr.io/%s/%s:%s",
                     "container_metadata":{"tag":{"name":"%s","digest":"sha256:3da8f8a0"},"labels":{}}}},
                 "repository":{"full_name":"%s"},
                 "sender":{"login":"hubot"}}
                """.formatted(action, name, namespace, namespace, name, namespace, name, tag, tag, repo);
    }
}
