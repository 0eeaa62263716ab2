package dev.gpuops.sandbox.ssh;

import java.util.Optional;
import java.util.function.Function;

/**
 * What a runtime script like seed 002's {@code start_remote.sh} runs: {@code --restart --tag X} switches it to the
 * image tag X (resolved to {@code repository:X@sha256:…} the way a pull would), and {@code --status} prints an
 * {@code image:} line with that reference. Without a resolver the host runs an unnamed image and prints none.
 */
final class RuntimeImage {

    static final String TAG_FLAG = " --tag ";

    private final Function<String, Optional<String>> resolver;
    private volatile String running;

    RuntimeImage(Function<String, Optional<String>> resolver) {
        this.resolver = resolver;
    }

    /** @return null when switched, else the error a pull of a missing tag prints */
    synchronized String switchTo(String tag) {
        Optional<String> reference = resolver == null ? Optional.of(tag) : resolver.apply(tag);
        if (reference.isEmpty()) {
            return "Error response from daemon: manifest for " + tag + " not found: manifest unknown\n";
        }
        running = reference.get();
        return null;
    }

    String statusLine() {
        String current = running;
        return current == null ? "" : "image: " + current + "\n";
    }
}
