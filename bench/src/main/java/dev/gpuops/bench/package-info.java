/** The benchmark harness behind {@code ./gpuops bench}; see bench/README.md. */
package dev.gpuops.bench;
