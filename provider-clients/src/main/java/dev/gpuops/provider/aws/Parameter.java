package dev.gpuops.provider.aws;

/**
 * An SSM parameter. The value may be a secret even when the type is {@code String} (seed 004 stores the fleet
 * secret as a plain String), so {@link #toString()} never prints it.
 */
public record Parameter(String name, ParameterType type, String value, long version) {

    @Override
    public String toString() {
        return "Parameter[name=" + name + ", type=" + type.wire() + ", version=" + version
                + ", value=<" + (value == null ? 0 : value.length()) + " chars>]";
    }
}
