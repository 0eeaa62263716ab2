package dev.gpuops.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunIdForTest {

    @Test
    void theSameIdempotencyKeyAlwaysNamesTheSameRun() {
        String first = Events.runIdFor("slack:13345224609.738474920.8088930838d88f008e0");
        String retry = Events.runIdFor("slack:13345224609.738474920.8088930838d88f008e0");

        assertThat(retry).isEqualTo(first);
        assertThat(first).matches("r-[0-9a-z]{8}");
    }

    @Test
    void differentKeysNameDifferentRuns() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Events.runIdFor("slack:trigger-" + i));
        }
        assertThat(ids).hasSize(10_000);
    }
}
