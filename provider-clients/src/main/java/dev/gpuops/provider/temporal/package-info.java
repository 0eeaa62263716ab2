/** Temporal task queues as seen from a worker host: {@code temporal task-queue describe} over SSH (seed 002). */
package dev.gpuops.provider.temporal;
