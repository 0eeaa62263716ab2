package dev.gpuops.provider.aws;

import java.util.Locale;

/** {@code GetCommandInvocation} statuses; {@link #UNKNOWN} for anything AWS adds later. */
public enum CommandStatus {
    PENDING("Pending"), IN_PROGRESS("InProgress"), DELAYED("Delayed"), SUCCESS("Success"), CANCELLED("Cancelled"),
    TIMED_OUT("TimedOut"), FAILED("Failed"), CANCELLING("Cancelling"), UNKNOWN("Unknown");

    private final String wire;

    CommandStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static CommandStatus parse(String value) {
        if (value != null) {
            for (CommandStatus status : values()) {
                if (status.wire.toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return status;
                }
            }
        }
        return UNKNOWN;
    }

    public boolean terminal() {
        return switch (this) {
            case SUCCESS, CANCELLED, TIMED_OUT, FAILED -> true;
            default -> false;
        };
    }
}
