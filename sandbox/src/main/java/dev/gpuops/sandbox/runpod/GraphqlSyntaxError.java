package dev.gpuops.sandbox.runpod;

/** A query the sandbox's GraphQL parser cannot read; the message is worded as RunPod's server words it. */
final class GraphqlSyntaxError extends RuntimeException {

    GraphqlSyntaxError(String message) {
        super("Syntax Error: " + message);
    }
}
