package dev.gpuops.runbook.action.docker;

import dev.gpuops.provider.ssh.CommandArgs;
import dev.gpuops.provider.ssh.ContainerSpec;
import dev.gpuops.provider.ssh.ContainerState;
import dev.gpuops.provider.ssh.DockerCommands;
import dev.gpuops.provider.ssh.DockerFailure;
import dev.gpuops.provider.ssh.DockerHost;
import dev.gpuops.provider.ssh.DockerOutcome;
import dev.gpuops.provider.ssh.SshSession;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.ssh.SshAddress;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.Wait;
import dev.gpuops.runbook.action.ssh.SshTargets;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The canonical run of seed 000 §8 from the target's {@code container} section: pull, replace the old container of
 * the same name, start with {@code --restart unless-stopped --gpus all -p P:P}, plain env with {@code -e} and secret
 * env (HF_TOKEN) through a root-only env file written over stdin. Fails with the container's logs when it does not
 * stay up.
 *
 * <p>Idempotent: rm -f then run again converges on the same container.
 */
@RunbookAction(key = "docker.run", idempotent = true, destructive = true,
        description = "Replace the app container with the canonical docker run")
public final class DockerRun implements Action<DockerRun.Params> {

    private static final Duration SETTLE_POLL = Duration.ofSeconds(2);

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    public record Params(
            @Param.Flatten SshAddress ssh,
            @Param(value = "Image reference", defaultValue = "image of the target")
            String image,
            @Param("Tag to run instead of the image's own, e.g. ${inputs.tag}")
            String tag,
            @Param(value = "Container name", defaultValue = "container.name of the target")
            String name,
            @Param(value = "Port published as -p N:N", defaultValue = "container.port of the target")
            Integer containerPort,
            @Param(value = "--gpus value", defaultValue = "container.gpus of the target, else all")
            String gpus,
            @Param("Extra plain env vars, merged over container.env")
            Map<String, String> env,
            @Param(value = "Env vars whose values come from gpuops secrets", defaultValue = "container.secretEnv")
            List<String> secretEnv,
            @Param(value = "docker pull first, so a moved tag (latest, canary) is picked up", defaultValue = "true")
            Boolean pull,
            @Param(value = "How long the container must stay up before the step checks it", defaultValue = "PT5S")
            Duration settle,
            @Param(value = "Give up on the pull or run after", defaultValue = "PT20M")
            Duration timeout) {

        public Params {
            if (tag != null && !TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("invalid image tag '" + tag + "'");
            }
            if (name != null) {
                CommandArgs.containerName(name);
            }
            env = env == null ? Map.of() : Map.copyOf(env);
            secretEnv = secretEnv == null ? null : List.copyOf(secretEnv);
            pull = pull == null || pull;
            settle = settle == null ? Duration.ofSeconds(5) : settle;
            timeout = timeout == null ? Duration.ofMinutes(20) : timeout;
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) throws InterruptedException {
        ContainerSpec spec = spec(ctx, params);
        Map<String, String> secrets = secrets(ctx, params);
        SshSession session = SshTargets.session(ctx, params.ssh());
        DockerHost docker = new DockerHost(session, DockerCommands.forUser(session.endpoint().user()),
                params.timeout());
        try {
            if (params.pull()) {
                ctx.progress("pulling " + spec.image());
                check(ctx, docker.pull(spec.image()));
            }
            ctx.progress("replacing container " + spec.name());
            String id = check(ctx, docker.replace(spec, secrets)).result().stdout().strip();
            ContainerState state = settle(ctx, docker, spec.name(), params.settle());
            if (!state.healthy()) {
                throw crashed(ctx, docker, spec.name(), state);
            }
            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("containerId", id.length() > 12 ? id.substring(0, 12) : id);
            outputs.put("image", spec.image());
            outputs.put("name", spec.name());
            return new StepResult(spec.name() + " running " + spec.image() + " (" + state.summary() + ")", outputs);
        } catch (ProviderException e) {
            throw SshTargets.failure(e);
        }
    }

    /** Watches the new container through its settle time, so a crash shows at once rather than after the wait. */
    private static ContainerState settle(StepContext ctx, DockerHost docker, String name, Duration settle)
            throws InterruptedException {
        Duration every = settle.compareTo(SETTLE_POLL) < 0 ? settle : SETTLE_POLL;
        Wait.Result<ContainerState> wait = Wait.on(ctx).every(every).until(look -> {
            ContainerState state = docker.inspect(name).orElseThrow(() -> StepFailure.permanent(
                    name + " disappeared right after docker run; check docker events on the host"));
            return !state.healthy() || look.elapsed().compareTo(settle) >= 0 ? Wait.done(state)
                    : Wait.pending("settling: " + state.summary(), state);
        });
        if (!wait.done()) {
            throw new StepFailure("stopped waiting for " + name + " to settle after " + wait.took() + " ("
                    + (wait.ending() == Wait.Ending.CANCELLED ? "run cancelled" : "step deadline reached") + ")",
                    true);
        }
        return wait.value();
    }

    static String containerName(StepContext ctx, String name) {
        if (!SshTargets.blank(name)) {
            return name.strip();
        }
        Target.Container container = ctx.target().container();
        if (container == null || SshTargets.blank(container.name())) {
            throw StepFailure.permanent("target " + ctx.target().name() + " has no container.name; add a container"
                    + " section to the targets file or pass name");
        }
        return container.name();
    }

    private static ContainerSpec spec(StepContext ctx, Params params) {
        Target.Container container = ctx.target().container();
        String image = !SshTargets.blank(params.image()) ? params.image().strip() : ctx.target().image();
        if (SshTargets.blank(image)) {
            throw StepFailure.permanent("target " + ctx.target().name() + " has no image; set image in the targets"
                    + " file or pass image");
        }
        Map<String, String> env = new LinkedHashMap<>(container == null ? Map.of() : container.env());
        env.putAll(params.env());
        try {
            return new ContainerSpec(containerName(ctx, params.name()), withTag(image, params.tag()),
                    params.containerPort() != null ? params.containerPort() : container == null ? null : container.port(),
                    params.gpus() != null ? params.gpus() : container == null ? "all" : container.gpus(),
                    "unless-stopped", env, null);
        } catch (IllegalArgumentException e) {
            throw SshTargets.invalid(e);
        }
    }

    private static Map<String, String> secrets(StepContext ctx, Params params) {
        Target.Container container = ctx.target().container();
        List<String> names = params.secretEnv() != null ? params.secretEnv()
                : container == null ? List.of() : container.secretEnv();
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            values.put(name, RegistrySecrets.require(ctx, name, name.equals("HF_TOKEN")
                    ? "gated Hugging Face models (FLUX.1) crash at startup without it: create a READ token on an"
                    + " account approved for the model and set HF_TOKEN"
                    : "the container lists it under container.secretEnv"));
        }
        return values;
    }

    static String withTag(String image, String tag) {
        if (SshTargets.blank(tag)) {
            return image;
        }
        String base = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = base.lastIndexOf('/');
        int colon = base.indexOf(':', slash + 1);
        return (colon < 0 ? base : base.substring(0, colon)) + ":" + tag;
    }

    private static DockerOutcome check(StepContext ctx, DockerOutcome outcome) {
        if (!outcome.ok()) {
            ctx.evidence(Evidence.Kind.COMMAND_OUTPUT, outcome.what(), outcome.result().combinedOutput());
            DockerFailure failure = outcome.failure().orElse(DockerFailure.OTHER);
            throw new StepFailure(outcome.message(),
                    failure == DockerFailure.OTHER || failure == DockerFailure.DAEMON_UNREACHABLE);
        }
        return outcome;
    }

    private static StepFailure crashed(StepContext ctx, DockerHost docker, String name, ContainerState state) {
        String logs = docker.logs(name, 100).combinedOutput();
        ctx.evidence(Evidence.Kind.CONTAINER_LOGS, "docker logs --tail 100 " + name, logs);
        ctx.evidence(Evidence.Kind.PROVIDER_STATE, "docker inspect " + name, state.summary());
        return StepFailure.permanent(name + " started but is " + state.summary() + ". Last log lines: "
                + SshTargets.tail(logs, 700));
    }
}
