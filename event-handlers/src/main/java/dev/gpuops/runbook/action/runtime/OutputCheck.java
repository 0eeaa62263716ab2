package dev.gpuops.runbook.action.runtime;

import dev.gpuops.runbook.action.ssh.SshTargets;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code check.output}: judges text an earlier step produced (an SSM command's stdout, a status line) against
 * regular expressions, for checks whose command exits 0 either way (seed 004: {@code systemctl status} of a worker
 * that runs but never registered). The failing line is quoted in the error so diagnosis can match it.
 */
@RunbookAction(key = "check.output", idempotent = true, destructive = false,
        description = "Check an earlier step's output against expected and rejected patterns")
public final class OutputCheck implements Action<OutputCheck.Params> {

    public record Params(
            @Param(value = "The text to judge, e.g. ${steps.workers.stdout}", required = true) String text,
            @Param("Regular expression a line must match for the check to pass") String expect,
            @Param("Regular expression no line may match") String reject,
            @Param(value = "What is being checked, for messages", defaultValue = "output") String what) {

        public Params {
            text = text == null ? "" : text;
            what = what == null || what.isBlank() ? "output" : what.strip();
            if (blank(expect) && blank(reject)) {
                throw new IllegalArgumentException("check.output needs expect:, reject: or both");
            }
            compile(expect, "expect");
            compile(reject, "reject");
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        Optional<String> rejected = firstLine(params.text(), compile(params.reject(), "reject"));
        if (rejected.isPresent()) {
            throw StepFailure.permanent(params.what() + " shows a problem: " + SshTargets.tail(rejected.get(), 400));
        }
        Pattern expect = compile(params.expect(), "expect");
        if (expect != null) {
            String found = firstLine(params.text(), expect).orElseThrow(() -> StepFailure.permanent(params.what()
                    + " does not show /" + params.expect() + "/; last lines: "
                    + SshTargets.tail(params.text(), 400)));
            return StepResult.of(params.what() + " ok: " + SshTargets.tail(found, 200), "ok", "true");
        }
        return StepResult.of(params.what() + " ok: nothing matches /" + params.reject() + "/", "ok", "true");
    }

    private static Optional<String> firstLine(String text, Pattern pattern) {
        return pattern == null ? Optional.empty() : text.lines().filter(l -> pattern.matcher(l).find()).findFirst();
    }

    private static Pattern compile(String regex, String field) {
        if (blank(regex)) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("check.output " + field + " is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
