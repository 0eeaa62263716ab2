package dev.gpuops.event;

/**
 * The verdict of one health check on one target.
 *
 * @param check    the check id, e.g. {@code supervisor-programs}, {@code runpod-init-loop}
 * @param status   OK, FAILING, or UNKNOWN when the probe could not reach the provider (never an incident by itself)
 * @param evidence what was seen, redacted, e.g. "worker-gpu FATAL (Exited too quickly)"
 */
public record CheckResult(String check, Status status, String evidence) {

    public CheckResult {
        evidence = evidence == null ? "" : evidence;
    }

    public static CheckResult ok(String check, String evidence) {
        return new CheckResult(check, Status.OK, evidence);
    }

    public static CheckResult failing(String check, String evidence) {
        return new CheckResult(check, Status.FAILING, evidence);
    }

    public static CheckResult unknown(String check, String evidence) {
        return new CheckResult(check, Status.UNKNOWN, evidence);
    }

    public boolean isFailing() {
        return status == Status.FAILING;
    }

    public enum Status {
        OK, FAILING, UNKNOWN
    }
}
