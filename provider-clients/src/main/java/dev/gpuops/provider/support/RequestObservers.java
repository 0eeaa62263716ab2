package dev.gpuops.provider.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who wants to know about each provider HTTP exchange (the bot counts them as metrics). A process-wide list, like
 * {@link Redactor}'s, so every client reports without each one's configuration carrying an extra collaborator; the
 * clients stay free of any metrics library.
 */
public final class RequestObservers {

    /** Told once per HTTP exchange, retries included. Must be quick and must not throw. */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param provider the client's provider name ({@code runpod}, {@code lambda}, {@code vast}, …)
         * @param status   the HTTP status, or 0 when no response came (timeout, refused connection)
         */
        void completed(String provider, int status);
    }

    private static final List<Observer> OBSERVERS = new CopyOnWriteArrayList<>();

    private RequestObservers() {
    }

    public static void add(Observer observer) {
        OBSERVERS.add(observer);
    }

    public static void remove(Observer observer) {
        OBSERVERS.remove(observer);
    }

    static void completed(String provider, int status) {
        for (Observer observer : OBSERVERS) {
            try {
                observer.completed(provider, status);
            } catch (RuntimeException e) {
                // an observer's fault must never fail a provider call
            }
        }
    }
}
