package dev.gpuops.bot.github;

import dev.gpuops.bot.support.Names;
import dev.gpuops.bot.targets.TargetDirectory;
import dev.gpuops.bot.targets.TargetInfo;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.Events;
import dev.gpuops.event.Origin;
import dev.gpuops.event.Verb;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Turns GitHub deliveries into deploy commands: a successful {@code workflow_run} of a push to the subscribed branch
 * (never a fork, never a pull request) deploys the subscribed targets' configured tag; a published container package
 * deploys the targets whose configured tag was pushed. Everything else is ignored, with a reason.
 */
public final class GithubEventTranslator {

    private static final Logger LOG = LoggerFactory.getLogger(GithubEventTranslator.class);

    private final TargetDirectory targets;
    private final Clock clock;

    public GithubEventTranslator(TargetDirectory targets, Clock clock) {
        this.targets = targets;
        this.clock = clock;
    }

    public Translation translate(String event, JsonNode payload, String deliveryId) {
        return switch (event == null ? "" : event) {
            case "workflow_run" -> workflowRun(payload, deliveryId);
            case "package", "registry_package" -> packagePublished(event, payload, deliveryId);
            default -> new Translation.Ignored("event '" + event + "' does not trigger anything in gpuops");
        };
    }

    private Translation workflowRun(JsonNode payload, String deliveryId) {
        String action = text(payload.path("action"));
        JsonNode run = payload.path("workflow_run");
        String conclusion = text(run.path("conclusion"));
        if (!"completed".equals(action)) {
            return new Translation.Ignored("workflow_run " + action + ": only completed runs deploy");
        }
        if (!"success".equals(conclusion)) {
            return new Translation.Ignored("workflow run concluded " + conclusion + ": only success deploys");
        }
        String repo = text(payload.path("repository").path("full_name"));
        Translation refused = WorkflowRunRules.refusal(payload);
        if (refused != null) {
            return refused;
        }
        String workflow = either(text(run.path("name")), text(payload.path("workflow").path("name")));
        String branch = text(run.path("head_branch"));
        String defaultBranch = text(payload.path("repository").path("default_branch"));
        List<TargetInfo> subscribed = subscribers(watch -> repo != null && repo.equalsIgnoreCase(watch.repo())
                && (watch.workflow() == null || watch.workflow().equals(workflow))
                && WorkflowRunRules.branchMatches(watch.branch(), defaultBranch, branch), null);
        if (subscribed.isEmpty()) {
            return new Translation.Ignored("no target deploys from " + repo + " workflow '" + workflow
                    + "' on branch " + branch);
        }
        String sender = text(payload.path("sender").path("login"));
        List<CommandReceived> deploys = subscribed.stream()
                .filter(target -> validTag(target, target.github().tag()))
                .map(target -> deploy(target, target.github().tag(), sender, deliveryId)).toList();
        return deploys.isEmpty() ? new Translation.Ignored("subscribed targets have no valid github.tag")
                : new Translation.Deploys(deploys);
    }

    private Translation packagePublished(String event, JsonNode payload, String deliveryId) {
        String action = text(payload.path("action"));
        if (!"published".equals(action)) {
            return new Translation.Ignored(event + " " + action + ": only published packages deploy");
        }
        JsonNode pkg = payload.path(event);
        String type = either(text(pkg.path("package_type")), "");
        if (!type.equalsIgnoreCase("container") && !type.equalsIgnoreCase("docker")) {
            return new Translation.Ignored("package type '" + type + "' is not a container image");
        }
        String tag = pushedTag(pkg.path("package_version"));
        if (tag == null || tag.isEmpty()) {
            return new Translation.Ignored("untagged push (multi-arch pushes send these): nothing to deploy");
        }
        if (!Names.TAG.matcher(tag).matches()) {
            return new Translation.Ignored("pushed tag '" + Names.loggable(tag) + "' is not a valid image tag");
        }
        String repo = text(payload.path("repository").path("full_name"));
        String owner = either(text(pkg.path("namespace")), text(pkg.path("owner").path("login")));
        String packagePath = (owner + "/" + text(pkg.path("name"))).toLowerCase(Locale.ROOT);
        List<TargetInfo> subscribed = subscribers(watch -> repo != null && repo.equalsIgnoreCase(watch.repo()),
                packagePath);
        if (subscribed.isEmpty()) {
            return new Translation.Ignored("no target deploys from " + (repo == null ? packagePath : repo));
        }
        String sender = text(payload.path("sender").path("login"));
        // only the tag a target is configured to follow deploys it: a pushed :debug or :pr-12 never reaches it
        List<CommandReceived> deploys = subscribed.stream().filter(t -> tag.equals(t.github().tag()))
                .map(t -> deploy(t, tag, sender, deliveryId)).toList();
        if (deploys.isEmpty()) {
            return new Translation.Ignored("pushed tag '" + tag + "' is not the tag any subscribed target deploys ("
                    + String.join(", ", subscribed.stream().map(t -> t.name() + ": " + t.github().tag()).toList())
                    + ")");
        }
        return new Translation.Deploys(deploys);
    }

    /** The pushed tag: {@code container_metadata.tag.name}, else the tag of {@code package_url}. */
    private static String pushedTag(JsonNode version) {
        JsonNode tag = version.path("container_metadata").path("tag").path("name");
        if (tag.isString()) {
            return tag.stringValue();
        }
        String url = text(version.path("package_url"));
        int colon = url == null ? -1 : url.lastIndexOf(':');
        return colon > url.lastIndexOf('/') ? url.substring(colon + 1) : null;
    }

    private List<TargetInfo> subscribers(Predicate<TargetInfo.GithubWatch> watches, String packagePath) {
        return targets.all().stream().filter(t -> t.github() != null)
                .filter(t -> watches.test(t.github()) || (packagePath != null && packagePath.equals(imagePath(t))))
                .toList();
    }

    /** {@code ghcr.io/acme/image-server:canary} → {@code acme/image-server}. */
    static String imagePath(TargetInfo target) {
        String image = target.image();
        if (image == null) {
            return null;
        }
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        boolean registryHost = first.contains(".") || first.contains(":") || first.equals("localhost");
        String path = registryHost ? image.substring(slash + 1) : image;
        int at = path.indexOf('@');
        path = at >= 0 ? path.substring(0, at) : path;
        int colon = path.lastIndexOf(':');
        return (colon > path.lastIndexOf('/') ? path.substring(0, colon) : path).toLowerCase(Locale.ROOT);
    }

    private static boolean validTag(TargetInfo target, String tag) {
        boolean valid = tag != null && Names.TAG.matcher(tag).matches();
        if (!valid) {
            LOG.warn("Target {} has an invalid github.tag '{}'; not deploying it", target.name(), Names.loggable(tag));
        }
        return valid;
    }

    private CommandReceived deploy(TargetInfo target, String tag, String sender, String deliveryId) {
        // a redelivery yields the same event ids, so handlers that dedupe by event id start nothing twice
        String eventId = deliveryId == null ? Events.newEventId() : UUID.nameUUIDFromBytes(
                ("github:" + deliveryId + ":" + target.name()).getBytes(StandardCharsets.UTF_8)).toString();
        return new CommandReceived(eventId, clock.instant(), target.name(), Events.newRunId(clock), Verb.DEPLOY,
                Map.of("tag", tag), new Origin("github", target.channel(), sender, sender, deliveryId));
    }

    private static String either(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String text(JsonNode node) {
        return node.isString() || node.isNumber() || node.isBoolean() ? node.asString() : null;
    }
}
