package dev.gpuops.runbook.action.runtime;

import dev.gpuops.runbook.action.ssh.SshTargets;
import dev.gpuops.provider.ssh.CommandArgs;
import dev.gpuops.provider.ssh.ExecResult;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.ssh.SshAddress;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code runtime.running_image}: asks the runtime which image it runs, through {@code runtime.statusCommand}, whose
 * output carries a line {@code image: <reference>@sha256:<digest>}. Promote compares that digest with the canary's,
 * so {@code :stable} only ever moves to an image that was actually running when it was validated.
 */
@RunbookAction(key = "runtime.running_image", idempotent = true, destructive = false,
        description = "Ask the runtime which image digest it runs (the `image:` line of runtime.statusCommand)")
public final class RunningImage implements Action<RunningImage.Params> {

    private static final Pattern IMAGE_LINE = Pattern.compile("(?m)^\\s*image:\\s*(\\S+)\\s*$");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public record Params(
            @Param.Flatten SshAddress ssh) {
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        String command = statusCommand(ctx.target());
        List<String> words = Arrays.asList(command.strip().split("\\s+"));
        try {
            CommandArgs.executable(words.getFirst());
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent("runtime.statusCommand: " + e.getMessage());
        }
        HostAccess host = HostAccess.open(ctx, params.ssh());
        ExecResult result = host.run(words, false, Duration.ofMinutes(1));
        ctx.evidence(Evidence.Kind.COMMAND_OUTPUT, command + " on " + host.where(), result.combinedOutput());
        Matcher line = IMAGE_LINE.matcher(result.stdout());
        Matcher digest = line.find() ? DIGEST.matcher(line.group(1)) : null;
        if (digest == null || !digest.find()) {
            throw StepFailure.permanent("cannot tell which image " + ctx.target().name() + " runs: `" + command
                    + "` printed no `image: <reference>@sha256:<digest>` line, so nothing can be verified or"
                    + " promoted. Deploy the tag first (/gpu deploy " + ctx.target().name() + " canary)");
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("image", line.group(1));
        outputs.put("digest", digest.group());
        return new StepResult("runs " + line.group(1).replaceAll("@sha256:([0-9a-f]{12})[0-9a-f]+", "@sha256:$1…"),
                outputs);
    }

    private static String statusCommand(Target target) {
        Target.Runtime runtime = target.runtime();
        if (runtime == null || SshTargets.blank(runtime.statusCommand())) {
            throw StepFailure.permanent(target.name() + " has no runtime.statusCommand, so gpuops cannot tell which"
                    + " image it runs; set one that prints `image: <reference>@sha256:<digest>`");
        }
        return runtime.statusCommand();
    }
}
