package dev.gpuops.runbook.action.aws;

import dev.gpuops.sandbox.support.RecordedExchange;
import dev.gpuops.sandbox.aws.SandboxAws;
import dev.gpuops.sandbox.aws.SettableClock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs an action in the background and moves the simulator's clock one step each time the action has read the
 * state once more, so every intermediate state is observed exactly once however slow the machine is.
 */
final class ClockDriver {

    private ClockDriver() {
    }

    /**
     * @param operation the read the action polls with ({@code DescribeInstanceRefreshes})
     * @param skip      reads to let pass before the clock starts moving (reads taken before the change under test)
     */
    static <T> T drive(SettableClock clock, SandboxAws sandbox, String operation, int skip, Duration step,
                       Callable<T> action) throws Exception {
        try (ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<T> running = runner.submit(action);
            long seen = skip;
            while (!running.isDone()) {
                long reads = reads(sandbox, operation);
                if (reads > seen) {
                    seen = reads;
                    clock.advance(step);
                } else {
                    Thread.sleep(2);
                }
            }
            return running.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static long reads(SandboxAws sandbox, String operation) {
        return sandbox.exchanges().stream().map(RecordedExchange::operation).filter(operation::equals).count();
    }
}
