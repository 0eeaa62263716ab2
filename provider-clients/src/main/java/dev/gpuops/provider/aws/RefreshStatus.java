package dev.gpuops.provider.aws;

import java.util.Locale;

/** Instance refresh states, as in the Auto Scaling API; {@link #UNKNOWN} for anything AWS adds later. */
public enum RefreshStatus {
    PENDING("Pending"), IN_PROGRESS("InProgress"), SUCCESSFUL("Successful"), FAILED("Failed"),
    CANCELLING("Cancelling"), CANCELLED("Cancelled"), ROLLBACK_IN_PROGRESS("RollbackInProgress"),
    ROLLBACK_FAILED("RollbackFailed"), ROLLBACK_SUCCESSFUL("RollbackSuccessful"), BAKING("Baking"),
    UNKNOWN("Unknown");

    private final String wire;

    RefreshStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static RefreshStatus parse(String value) {
        if (value != null) {
            for (RefreshStatus status : values()) {
                if (status.wire.toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return status;
                }
            }
        }
        return UNKNOWN;
    }

    /** No further transitions will happen without someone starting a new refresh. */
    public boolean terminal() {
        return switch (this) {
            case SUCCESSFUL, FAILED, CANCELLED, ROLLBACK_FAILED, ROLLBACK_SUCCESSFUL -> true;
            default -> false;
        };
    }

    /** Terminal and the new instances were not all put in place. */
    public boolean unsuccessful() {
        return terminal() && this != SUCCESSFUL;
    }
}
