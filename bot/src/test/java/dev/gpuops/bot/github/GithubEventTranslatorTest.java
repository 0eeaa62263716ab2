package dev.gpuops.bot.github;

import static dev.gpuops.bot.github.GithubPayloads.registryPackage;
import static dev.gpuops.bot.github.GithubPayloads.workflowRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gpuops.bot.targets.TargetInfo;
import dev.gpuops.bot.wiring.EngineTargetDirectory;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Origin;
import dev.gpuops.event.Verb;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GithubEventTranslatorTest {

    private static final String WORKFLOW = "Build and Push to GHCR";

    private final GithubEventTranslator translator = new GithubEventTranslator(
            EngineTargetDirectory.load(Path.of("src/test/resources/targets.yaml")),
            Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));

    private Translation translate(String event, String json) {
        return translator.translate(event, EventJson.mapper().readTree(json), "delivery-1");
    }

    private List<CommandReceived> deploys(String event, String json) {
        Translation translation = translate(event, json);
        assertThat(translation).isInstanceOf(Translation.Deploys.class);
        return ((Translation.Deploys) translation).commands();
    }

    private String ignoredReason(String event, String json) {
        Translation translation = translate(event, json);
        assertThat(translation).isInstanceOf(Translation.Ignored.class);
        return ((Translation.Ignored) translation).reason();
    }

    @Test
    void successfulWorkflowRunDeploysTheSubscribedTargetsTag() {
        List<CommandReceived> commands =
                deploys("workflow_run", workflowRun("completed", "success", "acme/image-server", WORKFLOW, "main"));
        assertThat(commands).singleElement().satisfies(command -> {
            assertThat(command.target()).isEqualTo("box-1");
            assertThat(command.verb()).isEqualTo(Verb.DEPLOY);
            assertThat(command.inputs()).isEqualTo(Map.of("tag", "canary"));
            assertThat(command.runId()).matches("r-[0-9a-z]{8}");
            assertThat(command.origin()).isEqualTo(new Origin("github", "C0BOX1", "octocat", "octocat", "delivery-1"));
        });
    }

    @Test
    void branchAndWorkflowFiltersAreHonoured() {
        // box-2 has no workflow filter and watches the release branch; box-1 wants main + the named workflow
        assertThat(deploys("workflow_run", workflowRun("completed", "success", "acme/image-server", "Nightly", "release")))
                .extracting(CommandReceived::target, c -> c.inputs().get("tag"))
                .containsExactly(tuple("box-2", "stable"));
        assertThat(ignoredReason("workflow_run", workflowRun("completed", "success", "acme/image-server", "Nightly",
                "main"))).contains("no target deploys from acme/image-server");
        assertThat(ignoredReason("workflow_run", workflowRun("completed", "success", "acme/other", WORKFLOW, "main")))
                .contains("acme/other");
    }

    @Test
    void repositoryNameMatchesCaseInsensitively() {
        assertThat(deploys("workflow_run", workflowRun("completed", "success", "Acme/Image-Server", WORKFLOW, "main")))
                .extracting(CommandReceived::target).containsExactly("box-1");
    }

    @Test
    void unsuccessfulOrUnfinishedRunsAreIgnored() {
        for (String conclusion : new String[] {"failure", "cancelled", "timed_out", "skipped", null}) {
            assertThat(ignoredReason("workflow_run",
                    workflowRun("completed", conclusion, "acme/image-server", WORKFLOW, "main")))
                    .contains("only success deploys");
        }
        assertThat(ignoredReason("workflow_run", workflowRun("requested", null, "acme/image-server", WORKFLOW, "main")))
                .contains("only completed runs deploy");
    }

    @Test
    void publishedContainerTagDeploysOnlyTheTargetsConfiguredForThatTag() {
        List<CommandReceived> canary = deploys("registry_package",
                registryPackage("published", "acme/image-server", "acme", "image-server", "canary"));
        assertThat(canary).extracting(CommandReceived::target, c -> c.inputs().get("tag"))
                .containsExactly(tuple("box-1", "canary"));
        assertThat(canary.getFirst().origin().userId()).isEqualTo("hubot");
        assertThat(deploys("registry_package",
                registryPackage("published", "acme/image-server", "acme", "image-server", "stable")))
                .extracting(CommandReceived::target).containsExactly("box-2");
    }

    @Test
    void packageWithAnotherTagDeploysNothing() {
        assertThat(ignoredReason("registry_package",
                registryPackage("published", "acme/image-server", "acme", "image-server", "v1.4.0")))
                .contains("'v1.4.0' is not the tag any subscribed target deploys").contains("box-1: canary")
                .contains("box-2: stable");
    }

    @Test
    void packageEventsMatchTheImagePathWhenNoRepositoryIsLinked() {
        String json = registryPackage("published", "acme/unrelated", "acme", "image-server", "canary")
                .replace("\"repository\":{\"full_name\":\"acme/unrelated\"},", "");
        assertThat(deploys("package", json.replace("registry_package", "package")))
                .extracting(CommandReceived::target).containsExactly("box-1");
    }

    @Test
    void workflowRunOfAForkNeverDeploys() {
        assertThat(ignoredReason("workflow_run", workflowRun("completed", "success", "acme/image-server", WORKFLOW,
                "main", "push", "mallory/image-server", 1L, 1))).contains("mallory/image-server")
                .contains("forks never deploy");
    }

    @Test
    void workflowRunNotTriggeredByAPushNeverDeploys() {
        for (String trigger : new String[] {"pull_request", "pull_request_target", "workflow_dispatch", "schedule"}) {
            assertThat(ignoredReason("workflow_run", workflowRun("completed", "success", "acme/image-server",
                    WORKFLOW, "main", trigger, "acme/image-server", 1L, 1))).contains("'" + trigger + "'");
        }
    }

    @Test
    void workflowRunOfAnotherBranchDeploysNothing() {
        assertThat(ignoredReason("workflow_run",
                workflowRun("completed", "success", "acme/image-server", WORKFLOW, "feature/x")))
                .contains("on branch feature/x");
    }

    @Test
    void withoutASubscribedBranchOnlyTheDefaultBranchDeploys() {
        assertThat(WorkflowRunRules.branchMatches(null, "main", "main")).isTrue();
        assertThat(WorkflowRunRules.branchMatches(null, "main", "dev")).isFalse();
        assertThat(WorkflowRunRules.branchMatches(null, null, "main")).isFalse();
        assertThat(WorkflowRunRules.branchMatches("release", "main", "release")).isTrue();
        assertThat(WorkflowRunRules.branchMatches("release", "main", "main")).isFalse();
    }

    @Test
    void untaggedUpdatedOrMalformedTagsAreIgnored() {
        assertThat(ignoredReason("registry_package",
                registryPackage("published", "acme/image-server", "acme", "image-server", ""))).contains("untagged");
        assertThat(ignoredReason("registry_package",
                registryPackage("updated", "acme/image-server", "acme", "image-server", "v1"))).contains("updated");
        assertThat(ignoredReason("registry_package",
                registryPackage("published", "acme/image-server", "acme", "image-server", "-x;reboot")))
                .contains("not a valid image tag");
        assertThat(ignoredReason("registry_package",
                registryPackage("published", "acme/image-server", "acme", "image-server", "v1")
                        .replace("\"package_type\":\"CONTAINER\"", "\"package_type\":\"npm\"")))
                .contains("not a container image");
    }

    @Test
    void redeliveriesGetTheSameEventIds() {
        String json = workflowRun("completed", "success", "acme/image-server", WORKFLOW, "main");
        assertThat(deploys("workflow_run", json).getFirst().eventId())
                .isEqualTo(deploys("workflow_run", json).getFirst().eventId());
    }

    @Test
    void otherEventsAreIgnored() {
        assertThat(ignoredReason("push", "{\"ref\":\"refs/heads/main\"}")).contains("'push'");
        assertThat(ignoredReason("issues", "{}")).contains("'issues'");
    }

    @Test
    void imagePathDropsRegistryTagAndDigest() {
        assertThat(GithubEventTranslator.imagePath(target("ghcr.io/Acme/Image-Server:canary")))
                .isEqualTo("acme/image-server");
        assertThat(GithubEventTranslator.imagePath(target("localhost:5000/acme/x@sha256:abc"))).isEqualTo("acme/x");
        assertThat(GithubEventTranslator.imagePath(target("acme/x"))).isEqualTo("acme/x");
    }

    private static TargetInfo target(String image) {
        return new TargetInfo("t", "ssh", null, List.of(), image, null);
    }
}
