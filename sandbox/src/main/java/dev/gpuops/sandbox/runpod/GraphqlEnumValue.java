package dev.gpuops.sandbox.runpod;

/** An enum literal such as {@code QUEUE_DELAY} written without quotes in a GraphQL query. */
record GraphqlEnumValue(String name) {
}
