package dev.gpuops.provider.support;

import java.time.Duration;

/** Injected wherever a client waits, so tests can record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
