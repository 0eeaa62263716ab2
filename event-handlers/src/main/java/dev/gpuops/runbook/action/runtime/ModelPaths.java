package dev.gpuops.runbook.action.runtime;

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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code runtime.model_paths}: checks with {@code test -e} that the model files and directories the runtime loads
 * exist on the host (seed 002: "verify LLM and Whisper model paths under /workspace/packages/models/…"), so a
 * missing file is named before the worker crashes on it.
 */
@RunbookAction(key = "runtime.model_paths", idempotent = true, destructive = false,
        description = "Check that the model files the runtime loads exist on the host")
public final class ModelPaths implements Action<ModelPaths.Params> {

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_.@+=-]+)+/?");

    public record Params(
            @Param.Flatten SshAddress ssh,
            @Param(value = "Absolute paths that must exist", defaultValue = "runtime.modelPaths of the target")
            List<String> paths,
            @Param(value = "Check through sudo -n (root-only directories)", defaultValue = "false") Boolean sudo) {

        public Params {
            paths = paths == null ? null : List.copyOf(paths);
            if (paths != null) {
                paths.forEach(ModelPaths::checkPath);
            }
            sudo = sudo != null && sudo;
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        List<String> paths = params.paths() != null ? params.paths() : configured(ctx.target());
        if (paths.isEmpty()) {
            return StepResult.of("no model paths configured (runtime.modelPaths)", "present", "0");
        }
        try {
            paths.forEach(ModelPaths::checkPath);
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent("runtime.modelPaths of " + ctx.target().name() + ": " + e.getMessage());
        }
        HostAccess host = HostAccess.open(ctx, params.ssh());
        List<String> missing = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (String path : paths) {
            ExecResult result = host.run(List.of("test", "-e", path), params.sudo(), Duration.ofSeconds(30));
            boolean present = result.ok();
            report.append("test -e ").append(path).append(": ")
                    .append(present ? "present" : "No such file or directory").append('\n');
            if (!present) {
                missing.add(path);
            }
        }
        ctx.evidence(Evidence.Kind.COMMAND_OUTPUT, "test -e <model paths> on " + host.where(), report.toString());
        if (!missing.isEmpty()) {
            throw StepFailure.permanent("model path " + String.join(", ", missing) + " does not exist on "
                    + host.where() + " (" + missing.size() + " of " + paths.size() + " missing); the worker that loads"
                    + " it will crash. Bake the weights into the image or fix runtime.modelPaths, then redeploy.");
        }
        return StepResult.of("all " + paths.size() + " model path(s) present", "present",
                Integer.toString(paths.size()));
    }

    private static List<String> configured(Target target) {
        return target.runtime() == null ? List.of() : target.runtime().modelPaths();
    }

    private static void checkPath(String path) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("model path must be absolute, without spaces or shell syntax, not '"
                    + path + "'");
        }
    }
}
