package dev.gpuops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What scenarios share: the options, the world (started once, on first use) and at most one bot process at a time.
 *
 * @param smoke      a few requests per scenario, to check the harness works (the test suite runs this)
 * @param serverFlags the JVM flags the launcher gives the server (jvm/server.options)
 * @param workDir    per-run scratch: bot logs, wrk request files
 */
record BenchContext(boolean smoke, Path repo, Path botJar, List<String> serverFlags, Path workDir, Holder holder)
        implements AutoCloseable {

    static BenchContext create(boolean smoke, Path repo, Path botJar, List<String> serverFlags, Path workDir) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDir, e);
        }
        return new BenchContext(smoke, repo, botJar, List.copyOf(serverFlags), workDir, new Holder());
    }

    World world() {
        if (holder.world == null) {
            holder.world = World.start(workDir.resolve("world"), repo);
        }
        return holder.world;
    }

    /**
     * A freshly started bot (the previous one is stopped first), so one scenario's backlog never slows the next. A
     * smoke run starts one bot and shares it: it checks the harness, and launches are its slowest part.
     */
    AppProcess freshApp(String label) {
        if (smoke && holder.app != null) {
            return holder.app;
        }
        return freshApp(label, botJar, List.of());
    }

    /** {@link #freshApp(String)} from another jar (an extracted bot.jar) with JVM flags after the server's. */
    AppProcess freshApp(String label, Path jar, List<String> extraFlags) {
        stopBot();
        World world = world();
        List<String> flags = new java.util.ArrayList<>(serverFlags);
        flags.addAll(extraFlags);
        holder.app = AppProcess.start(jar, repo, flags, world.botProperties(),
                workDir.resolve("bot-" + label + ".log"));
        world.botListensAt(holder.app.port());
        return holder.app;
    }

    /**
     * Stops the bot and its world, except in a smoke run (see {@link #freshApp}); {@link #close} always stops them.
     * The world goes too: runs are durable on Kafka, so a bot started on the same broker would take over the last
     * scenario's backlog (tens of thousands of queued status runs after {@code ack}) and measure that instead.
     */
    void stopApp() {
        if (!smoke) {
            stopBot();
            closeWorld();
        }
    }

    private void closeWorld() {
        if (holder.world != null) {
            holder.world.close();
            holder.world = null;
        }
    }

    private void stopBot() {
        stopBot(java.time.Duration.ofSeconds(20));
    }

    /** Stops the bot (not the world), giving its JVM up to {@code grace} to exit. */
    void stopBot(java.time.Duration grace) {
        if (holder.app != null) {
            holder.app.close(grace);
            holder.app = null;
        }
    }

    /** {@code full} normally, {@code few} in smoke mode. */
    int scaled(int full, int few) {
        return smoke ? few : full;
    }

    @Override
    public void close() {
        try {
            stopBot();
        } finally {
            closeWorld();
        }
    }

    /** The mutable part: what has been started. */
    static final class Holder {
        private World world;
        private AppProcess app;
    }
}
