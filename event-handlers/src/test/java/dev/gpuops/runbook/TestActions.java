package dev.gpuops.runbook;

import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.core.HttpHealthAction;
import dev.gpuops.runbook.action.core.LogNoteAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The actions the loader and engine fixtures use, recording what they were called with. Real classes with real
 * params records: only their effects are small.
 */
public final class TestActions {

    public record EchoParams(@Param(value = "what to echo", required = true) String message, Integer count,
                             Duration pause, List<String> items) {
        public EchoParams {
            if (count != null && count < 0) {
                throw new IllegalArgumentException("count must not be negative");
            }
        }
    }

    public record FailParams(@Param("error text") String message, Boolean retryable,
                             @Param("attempt that finally succeeds; 0 = never") Integer succeedOnAttempt) {
    }

    public record ProgramParams(@Param("supervisor program") String program) {
    }

    /** Every params record the actions received, in call order, as "key:params". */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final List<Record> params = new CopyOnWriteArrayList<>();

    public List<Action<?>> all() {
        List<Action<?>> actions = new ArrayList<>();
        actions.add(new LogNoteAction());
        actions.add(new HttpHealthAction());
        actions.add(new TestAction<>("test.echo", EchoParams.class, false, (context, p) -> {
            record("test.echo", p);
            context.evidence(Evidence.Kind.COMMAND_OUTPUT, "echo", "echoed " + p.message());
            Map<String, String> out = new LinkedHashMap<>();
            out.put("message", p.message());
            out.put("upper", p.message().toUpperCase(java.util.Locale.ROOT));
            return new StepResult("echo " + p.message(), out);
        }));
        actions.add(new TestAction<>("test.fail", FailParams.class, false, (context, p) -> {
            record("test.fail", p);
            int succeedOn = p.succeedOnAttempt() == null ? 0 : p.succeedOnAttempt();
            if (succeedOn > 0 && context.attempt() >= succeedOn) {
                return StepResult.of("worked on attempt " + context.attempt());
            }
            throw new StepFailure(p.message() == null ? "failed" : p.message(), Boolean.TRUE.equals(p.retryable()));
        }));
        actions.add(new TestAction<>("test.block", EchoParams.class, false, (context, p) -> {
            record("test.block", p);
            Thread.sleep(Duration.ofMinutes(10));
            return StepResult.of("never");
        }));
        actions.add(new TestAction<>("test.block_destructive", EchoParams.class, true, (context, p) -> {
            record("test.block_destructive", p);
            Thread.sleep(Duration.ofMinutes(10));
            return StepResult.of("never");
        }));
        actions.add(new TestAction<>("test.await_cancel", EchoParams.class, false, (context, p) -> {
            record("test.await_cancel", p);
            while (!context.cancelled()) {
                Thread.sleep(5);
            }
            return StepResult.of("noticed the cancellation");
        }));
        actions.add(new TestAction<>("test.restart", ProgramParams.class, true, (context, p) -> {
            record("test.restart", p);
            return StepResult.of("restarted " + p.program());
        }));
        return actions;
    }

    public ActionRegistry registry() {
        return new ActionRegistry(all());
    }

    private void record(String key, Record p) {
        calls.add(key + ":" + p);
        params.add(p);
    }
}
