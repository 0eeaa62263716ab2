package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexSafetyTest {

    @ParameterizedTest
    @ValueSource(strings = {"(\\w+)+", "(a|b*)*", "(?:x+y)+z", "(.*a){2,}", "Traceback (\\w+\\s?)+$",
            "((ab)+c)*", "(?<name>[\\w.-]+)+"})
    void rejectsRepeatedGroupsHoldingUnboundedRepeats(String regex) {
        assertThat(RegexSafety.problem(regex)).hasValueSatisfying(p -> assertThat(p).contains("catastrophically"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?:ab)+", "\\w+\\s+\\d+", "(?:a+)?b", "(?:\\s+\\w+){1}", "(\\w++)+", "[a+]+",
            "(?i)gave up: (?<program>[\\w:.-]+) entered FATAL state", "foo.{0,80}?bar", "(?:x\\+y)+"})
    void acceptsLinearShapes(String regex) {
        assertThat(RegexSafety.problem(regex)).isEmpty();
    }
}
