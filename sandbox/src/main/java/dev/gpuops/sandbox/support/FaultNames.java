package dev.gpuops.sandbox.support;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one way a simulator fault is named: its key ({@code disk-full}) or its constant ({@code DISK_FULL}), trimmed,
 * in any case, with {@code _} read as {@code -}. An unknown name is refused with the list of known keys.
 */
public final class FaultNames {

    private FaultNames() {
    }

    /**
     * @param what the simulator, for the error message ({@code "SSH host"}, {@code "RunPod"})
     * @throws IllegalArgumentException for a name no fault of {@code type} has, listing the known keys
     */
    public static <F extends Enum<F>> F parse(Class<F> type, Function<F, String> key, String what, String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        F[] faults = type.getEnumConstants();
        return Arrays.stream(faults)
                .filter(f -> key.apply(f).equals(wanted) || f.name().replace('_', '-').equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + what + " fault '" + name + "'; known: "
                        + Arrays.stream(faults).map(key).collect(Collectors.joining(", "))));
    }
}
