package dev.gpuops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuSharesTest {

    @Test
    void readsOwnAndChildrenTicksPastACommandNameWithSpacesAndParentheses(@TempDir Path dir) throws Exception {
        Path stat = dir.resolve("stat");
        // fields 14-17 (utime, stime, cutime, cstime) = 250, 50, 7, 3
        Files.writeString(stat, "4242 (java (bot) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 40 0 "
                + "12345 0 0\n");

        assertThat(CpuShares.ticks(stat)).containsExactly(300L, 10L);
    }

    @Test
    void aMissingStatFileIsUnknownNotZero(@TempDir Path dir) {
        assertThat(CpuShares.ticks(dir.resolve("nope"))).isNull();
    }
}
