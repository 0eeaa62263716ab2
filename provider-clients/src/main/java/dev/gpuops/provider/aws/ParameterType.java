package dev.gpuops.provider.aws;

import java.util.Locale;

/** SSM parameter types. */
public enum ParameterType {
    STRING("String"), STRING_LIST("StringList"), SECURE_STRING("SecureString"), UNKNOWN("Unknown");

    private final String wire;

    ParameterType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ParameterType parse(String value) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT).replace("_", "");
            for (ParameterType type : values()) {
                if (type.wire.toLowerCase(Locale.ROOT).equals(wanted)) {
                    return type;
                }
            }
        }
        return UNKNOWN;
    }
}
