package dev.gpuops.bot.notify;

import com.slack.api.methods.MethodsClient;
import java.util.Optional;
import java.util.function.Function;

/**
 * A run's thread permalink from durable data: the root's coordinates on {@code gpuops.slack-threads}
 * ({@link ThreadStore}, read at startup), then chat.getPermalink. Lets {@code /gpu runs} link runs posted before a
 * restart or by another replica.
 */
public final class ThreadPermalinks implements Function<String, Optional<String>> {

    private final ThreadStore threads;
    private final SlackGateway slack;

    public ThreadPermalinks(ThreadStore threads, MethodsClient methods) {
        this.threads = threads;
        this.slack = new SlackGateway(methods);
    }

    @Override
    public Optional<String> apply(String runId) {
        return threads.find(runId)
                .filter(thread -> thread.channel() != null && thread.rootTs() != null)
                .flatMap(thread -> slack.permalink(thread.channel(), thread.rootTs()));
    }
}
