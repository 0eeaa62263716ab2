package dev.gpuops.sandbox.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.sandbox.aws.AwsFault;
import dev.gpuops.sandbox.lambda.LambdaFault;
import dev.gpuops.sandbox.registry.RegistryFault;
import dev.gpuops.sandbox.ssh.Fault;
import dev.gpuops.sandbox.vast.VastFault;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every simulator's faults are named one way: by key or constant, in any case, '_' as '-'. */
class FaultNamesTest {

    static Stream<Arguments> simulators() {
        return Stream.of(
                Arguments.of(Fault.values(), (Function<String, Enum<?>>) Fault::byName, "SSH host"),
                Arguments.of(dev.gpuops.sandbox.runpod.Fault.values(),
                        (Function<String, Enum<?>>) dev.gpuops.sandbox.runpod.Fault::parse, "RunPod"),
                Arguments.of(AwsFault.values(), (Function<String, Enum<?>>) AwsFault::parse, "AWS"),
                Arguments.of(LambdaFault.values(), (Function<String, Enum<?>>) LambdaFault::parse, "Lambda"),
                Arguments.of(VastFault.values(), (Function<String, Enum<?>>) VastFault::parse, "Vast"),
                Arguments.of(RegistryFault.values(), (Function<String, Enum<?>>) RegistryFault::parse, "registry"));
    }

    @ParameterizedTest
    @MethodSource("simulators")
    void everyFaultIsFoundByItsKeyAndItsConstantAndAnUnknownNameListsTheKeys(Enum<?>[] faults,
                                                                             Function<String, Enum<?>> parse,
                                                                             String what) throws Exception {
        for (Enum<?> fault : faults) {
            String key = key(fault);
            assertThat(parse.apply(" " + fault.name() + " ")).isSameAs(fault);
            assertThat(parse.apply(fault.name().toLowerCase(java.util.Locale.ROOT))).isSameAs(fault);
            assertThat(parse.apply(key)).isSameAs(fault);
        }
        assertThatThrownBy(() -> parse.apply("meteor-strike"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown " + what + " fault 'meteor-strike'; known: ")
                .hasMessageEndingWith(String.join(", ", Arrays.stream(faults).map(FaultNamesTest::key).toList()));
    }

    private static String key(Enum<?> fault) {
        try {
            return (String) fault.getClass().getMethod("key").invoke(fault);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(fault.getClass() + " has no key()", e);
        }
    }
}
