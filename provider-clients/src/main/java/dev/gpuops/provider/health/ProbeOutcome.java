package dev.gpuops.provider.health;

/**
 * How one health request ended. The split matters for diagnosis: during first boot REFUSED and TIMEOUT are normal
 * (nothing listens yet, or the VM's network is not up), while RESET means something accepted the connection and
 * died — typically the app crashing on startup (a gated model without HF_TOKEN, for one).
 */
public enum ProbeOutcome {
    HEALTHY("healthy"),
    REFUSED("connection refused: nothing listens on the port yet (VM or app still starting, or the app is down)"),
    RESET("connection reset: something accepted the connection and dropped it (the app is crashing or restarting)"),
    TIMEOUT("timed out: no answer in time (VM network not up yet, firewall, or the app is stuck)"),
    NON_2XX("the app answered with an error status"),
    BODY_MISMATCH("the app answered 2xx but without the expected body"),
    DNS("the host name does not resolve"),
    UNREACHABLE("no route to the host (network down or wrong address)"),
    ERROR("the request failed");

    private final String meaning;

    ProbeOutcome(String meaning) {
        this.meaning = meaning;
    }

    /** One line for a human reading the run's thread. */
    public String meaning() {
        return meaning;
    }

    /** Failures expected while a fresh VM or container boots. */
    public boolean looksLikeBooting() {
        return this == REFUSED || this == TIMEOUT;
    }
}
