package dev.gpuops.bot.targets;

import java.util.List;

/**
 * What the ingress side needs to know about a target: that it exists, where its messages go, which supervisor
 * programs it runs and which GitHub builds deploy it.
 *
 * @param programs supervisor programs; empty = not listed, so any well-formed program name is accepted
 * @param image    image reference without tag (e.g. {@code ghcr.io/acme/image-server}), or null
 * @param github   GitHub subscription, or null when GitHub never deploys this target
 */
public record TargetInfo(String name, String provider, String channel, List<String> programs, String image,
                         GithubWatch github) {

    public TargetInfo {
        programs = programs == null ? List.of() : List.copyOf(programs);
    }

    /**
     * @param repo     {@code owner/name} whose builds deploy the target
     * @param workflow workflow name that must have run, or null for any
     * @param branch   head branch that must have been built, or null for any
     * @param tag      image tag deployed after a successful workflow run
     */
    public record GithubWatch(String repo, String workflow, String branch, String tag) {
    }
}
