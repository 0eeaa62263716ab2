package dev.gpuops.runstate;

import dev.gpuops.handlers.HandlersConfiguration;
import dev.gpuops.handlers.HandlersSettings;
import dev.gpuops.handlers.QueueLimits;
import dev.gpuops.runbook.TestAction;
import dev.gpuops.runbook.TestActions;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The handlers as their own process, for crash tests:
 * {@code HandlerProcess BOOTSTRAP TARGETS RUNBOOKS CALLS GRACE [STEP_MILLIS]}.
 * Its actions write every call to the CALLS file (the "simulator's record"); {@code test.hold} (idempotent) and
 * {@code test.destructive} (not idempotent) then wait until the file CALLS.release exists.
 */
public final class HandlerProcess {

    /** How long hold and destructive steps take at least, so a random kill finds them in flight. */
    private static long stepMillis;

    private HandlerProcess() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        Path calls = Path.of(args[3]);
        Duration grace = Duration.ofSeconds(Long.parseLong(args[4]));
        stepMillis = args.length > 5 ? Long.parseLong(args[5]) : 0;
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(HandlersSettings.class, () -> new HandlersSettings(Path.of(args[1]), Path.of(args[2]),
                bootstrap, CrashTestBroker.clientProperties(), 1, Duration.ofSeconds(15), grace));
        // the crash tests queue up to 1,000 runs on one target; the per-target bound has its own tests
        context.registerBean(QueueLimits.class, () -> new QueueLimits(5_000));
        context.registerBean(Services.class, Services::new);
        context.registerBean("echo", Action.class, () -> new TestAction<>("test.echo", TestActions.EchoParams.class,
                false, (c, p) -> {
                    record(calls, "echo", c);
                    return StepResult.of(p.message(), "message", p.message());
                }));
        context.registerBean("hold", Action.class, () -> new TestAction<>("test.hold", TestActions.EchoParams.class,
                false, (c, p) -> hold(calls, "hold", c)));
        context.registerBean("destructive", Action.class, () -> new TestAction<>("test.destructive",
                TestActions.EchoParams.class, true, (c, p) -> hold(calls, "destructive", c)));
        context.register(HandlersConfiguration.class);
        context.registerShutdownHook();
        context.refresh();
        System.out.println("HANDLERS READY");
        Thread.currentThread().join();
    }

    private static StepResult hold(Path calls, String what, StepContext context) throws Exception {
        record(calls, what, context);
        Thread.sleep(stepMillis);
        Path release = Path.of(calls + ".release");
        while (!Files.exists(release)) {
            Thread.sleep(20);
        }
        return StepResult.of(what + " done");
    }

    private static synchronized void record(Path calls, String what, StepContext context) throws IOException {
        Files.writeString(calls, what + " " + context.runId() + " " + context.stepId() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }
}
