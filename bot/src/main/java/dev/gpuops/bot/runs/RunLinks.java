package dev.gpuops.bot.runs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The permalink of each run's Slack thread, so {@code /gpu runs} can link every run. A link arrives when the run's
 * root message is posted (chat.getPermalink); a run this bot did not post since it started (a restart, another
 * replica) is resolved from durable data through {@link #resolveWith}: its thread coordinates on
 * {@code gpuops.slack-threads}, then chat.getPermalink. Either way the link is cached. Bounded: the oldest go first.
 */
public final class RunLinks {

    private static final Executor LOOKUPS = Executors.newVirtualThreadPerTaskExecutor();

    private final int capacity;
    private final Map<String, String> links = new LinkedHashMap<>();
    private volatile Function<String, Optional<String>> resolver = runId -> Optional.empty();

    public RunLinks(int capacity) {
        this.capacity = capacity;
    }

    /** Where a link not cached yet comes from: run id to permalink, empty when the run has no known thread. */
    public void resolveWith(Function<String, Optional<String>> source) {
        this.resolver = source;
    }

    public synchronized void put(String runId, String permalink) {
        if (runId == null || permalink == null || permalink.isBlank()) {
            return;
        }
        links.remove(runId);
        links.put(runId, permalink);
        if (links.size() > capacity) {
            links.remove(links.keySet().iterator().next());
        }
    }

    /** The cached link only; never calls out. */
    public synchronized Optional<String> find(String runId) {
        return Optional.ofNullable(links.get(runId));
    }

    /**
     * The links of these runs: cached ones at once, the others looked up in parallel within {@code budget}. A lookup
     * that takes longer is left out of this answer but still cached when it completes, for the next one.
     */
    public Map<String, String> findAll(List<String> runIds, Duration budget) {
        Map<String, String> found = new LinkedHashMap<>();
        Map<String, CompletableFuture<Optional<String>>> pending = new LinkedHashMap<>();
        Function<String, Optional<String>> source = resolver;
        for (String runId : runIds) {
            Optional<String> cached = find(runId);
            if (cached.isPresent()) {
                found.put(runId, cached.get());
            } else {
                pending.put(runId, CompletableFuture.supplyAsync(() -> lookUp(source, runId), LOOKUPS));
            }
        }
        long deadline = System.nanoTime() + budget.toNanos();
        pending.forEach((runId, lookup) -> await(lookup, deadline).ifPresent(link -> found.put(runId, link)));
        return found;
    }

    private Optional<String> lookUp(Function<String, Optional<String>> source, String runId) {
        Optional<String> link = source.apply(runId);
        link.ifPresent(l -> put(runId, l));
        return link;
    }

    private static Optional<String> await(CompletableFuture<Optional<String>> lookup, long deadline) {
        try {
            return lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }
}
