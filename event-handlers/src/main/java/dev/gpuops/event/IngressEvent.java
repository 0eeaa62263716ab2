package dev.gpuops.event;

/** Events published by the ingress side (Slack, GitHub, health monitor) on {@code gpuops.commands}. */
public sealed interface IngressEvent extends GpuopsEvent permits CommandReceived, CancelRequested, ApprovalSubmitted {
}
